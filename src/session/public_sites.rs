//! Adding or refreshing hospital sites from the NHS ODS lists and the ONS postcode directory in
//! the window: read (the directory is streamed, with the step shown), previewed, then applied as
//! one undoable edit. The reading and the change are [`crate::public_data::sites::build`] and
//! [`crate::public_data::sites::apply`], as the command line's `import-sites` uses them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::public_zones::BuildProgress;
use crate::model::{Appraisal, Site};
use crate::public_data::sites::{self, ApplyError, BuildError, Built, SiteChange, SiteFiles};

/// The files the analyst chose, by path.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PublicSiteFiles {
    /// NHS ODS `ets.csv`.
    pub ods: PathBuf,
    /// NHS ODS `etr.csv`, to match trusts by name and warn of closed ones.
    pub trusts: Option<PathBuf>,
    /// The ONS postcode directory (NSPL or ONSPD).
    pub postcodes: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum PublicSitesError {
    #[error("choose the {0} file")]
    NoFile(&'static str),
    #[error(transparent)]
    Progress(#[from] super::public_zones::PublicZonesError),
    #[error(transparent)]
    Build(#[from] BuildError),
    #[error(transparent)]
    Apply(#[from] ApplyError),
    #[error("there are no sites read to apply: check the files first")]
    NoPreview,
    #[error("the appraisal has changed since the files were checked: check them again")]
    Stale,
}

/// What adding the sites would change, for the analyst to see before applying it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SitePreview {
    pub added: Vec<SiteChange>,
    pub updated: Vec<SiteChange>,
    pub unchanged: Vec<SiteChange>,
    /// What the analyst should know that does not stop the import (a closed parent trust).
    pub warnings: Vec<String>,
    /// Where the coordinates come from: "file, column ...".
    pub sources: Vec<String>,
}

/// Sites read and previewed, waiting to be applied; valid only for the revision they were
/// previewed on.
#[derive(Debug, Clone)]
pub struct PendingSites {
    pub revision: u64,
    pub sites: Vec<Site>,
}

fn optional(p: &Option<PathBuf>) -> Option<&Path> {
    p.as_deref().filter(|p| !p.as_os_str().is_empty())
}

/// Reads the sites of `codes` (ODS codes separated by commas) from `files`, reporting each step
/// through `progress`. Touches no appraisal, so the caller can run it without holding the open
/// document.
pub fn read(
    files: &PublicSiteFiles,
    codes: &str,
    progress: &BuildProgress,
) -> Result<Built, PublicSitesError> {
    if files.ods.as_os_str().is_empty() {
        return Err(PublicSitesError::NoFile("ODS site list"));
    }
    if files.postcodes.as_os_str().is_empty() {
        return Err(PublicSitesError::NoFile("postcode directory"));
    }
    let site_files = SiteFiles {
        sites: &files.ods,
        trusts: optional(&files.trusts),
        postcodes: &files.postcodes,
    };
    let codes: Vec<String> = codes.split(',').map(str::to_owned).collect();
    let given: Vec<&Path> = [
        Some(site_files.sites),
        site_files.trusts,
        Some(site_files.postcodes),
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(progress.track(&given, |report| {
        sites::build_reporting(&site_files, &codes, report)
    })??)
}

/// What applying `built` to `a` would change, and `a`'s sites as they would then be; `a` is as
/// it was afterwards (refused, with `a` unchanged, if a site's trust is not an organisation).
pub fn preview(a: &mut Appraisal, built: &Built) -> Result<(SitePreview, Vec<Site>), ApplyError> {
    let before = a.sites.clone();
    let changes = sites::apply(a, built)?;
    let after = std::mem::replace(&mut a.sites, before);
    Ok((
        SitePreview {
            added: changes.added,
            updated: changes.updated,
            unchanged: changes.unchanged,
            warnings: built.warnings.clone(),
            sources: built
                .position
                .iter()
                .map(|c| format!("{}, column {}", c.file, c.column))
                .collect(),
        },
        after,
    ))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `ets.csv` (quoted form): the first 12 fields are real, the rest layout only.
    pub const ETS: &str = "\"RJE01\",\"NORTH STAFFORDSHIRE ROYAL INFIRMARY\",\"Y55\",\"Q60\",\"PRINCES ROAD\",\"\",\"\",\"STOKE-ON-TRENT\",\"STAFFORDSHIRE\",\"ST4 7LN\",\"19930401\",\"\",\"\",\"\",\"RJE\",\"\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"\",\"\",\"\",\"\"
\"RJE48\",\"CANNOCK CHASE HOSPITAL\",\"Y55\",\"Q60\",\"BRUNSWICK ROAD\",\"\",\"\",\"CANNOCK\",\"STAFFORDSHIRE\",\"WS11 5XY\",\"20130401\",\"\",\"\",\"\",\"RJE\",\"\",\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"\",\"\",\"\",\"\"
";

    /// NSPL's current header, with the two sites' postcodes (layout only).
    pub const NSPL: &str = "pcd7,pcd8,pcds,dointr,doterm,usrtypind,east1m,north1m,gridind,oa21cd,cty25cd,ced25cd,lad25cd,wd25cd,nhser24cd,ctry25cd,rgn25cd,pcon24cd,ttwa15cd,itl25cd,npark16cd,lsoa21cd,msoa21cd,wz11cd,sicbl24cd,bua24cd,ruc21ind,oac11ind,lat,long,lep21cd1,lep21cd2,pfa23cd,imd20ind,icb23cd
\"ST4 7LN\",\"ST4  7LN\",\"ST4 7LN\",\"198001\",\"\",\"0\",\"385800\",\"345400\",\"1\",\"E00000001\",\"E99999999\",\"E99999999\",\"E06000021\",\"E05000001\",\"E40000010\",\"E92000001\",\"E12000005\",\"E14000001\",\"E30000001\",\"E06000021\",\"E65000001\",\"E01000001\",\"E02000001\",\"E33000001\",\"E38000001\",\"E63999999\",\"UN1\",\"1C1\",53.003100,-2.212500,\"E37000001\",\"\",\"E23000001\",1000,\"E54000010\"
\"WS115XY\",\"WS11 5XY\",\"WS11 5XY\",\"198001\",\"\",\"0\",\"398600\",\"310900\",\"1\",\"E00000002\",\"E10000028\",\"E99999999\",\"E07000192\",\"E05000002\",\"E40000010\",\"E92000001\",\"E12000005\",\"E14000002\",\"E30000002\",\"E07000192\",\"E65000001\",\"E01000002\",\"E02000002\",\"E33000002\",\"E38000002\",\"E63999999\",\"UN1\",\"1C1\",52.692900,-2.020600,\"E37000002\",\"\",\"E23000002\",2000,\"E54000010\"
";

    pub fn files(dir: &Path) -> PublicSiteFiles {
        let ods = dir.join("ets.csv");
        std::fs::write(&ods, ETS).unwrap();
        let postcodes = dir.join("NSPL_AUG_2025_UK.csv");
        std::fs::write(&postcodes, NSPL).unwrap();
        PublicSiteFiles {
            ods,
            trusts: Some(PathBuf::new()),
            postcodes,
        }
    }

    #[test]
    fn sites_are_read_with_their_steps_and_a_missing_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let f = files(dir.path());
        let progress = BuildProgress::default();
        let built = read(&f, "rje01, RJE48", &progress).unwrap();
        assert_eq!(built.sites.len(), 2);
        let v = progress.view();
        assert_eq!((v.step, v.of, v.running), (2, 2, false));
        assert_eq!(v.read, v.total, "the directory is read to its end");
        assert!(v.total > 0);
        assert_eq!(
            v.doing,
            "Searching the postcode directory (NSPL_AUG_2025_UK.csv)"
        );
        let e = read(&f, "RJE99", &progress).unwrap_err();
        assert!(e.to_string().contains("RJE99"), "{e}");
        let mut none = f.clone();
        none.postcodes = PathBuf::new();
        let e = read(&none, "RJE01", &progress).unwrap_err();
        assert_eq!(e.to_string(), "choose the postcode directory file");
    }
}
