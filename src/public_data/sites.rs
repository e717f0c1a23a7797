//! Hospital sites from the official files: each site the user picks by ODS code, with its name,
//! postcode and parent trust from the NHS ODS site list (`ets.csv`), the trust's name from the
//! trust list (`etr.csv`) when given, and its latitude and longitude from the ONS postcode
//! directory. Then merged into an appraisal: sites are added, or refreshed by code with their
//! services kept; each keeps the postcode it was placed by.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rustc_hash::FxHashSet;

use super::ods::{self, OdsKind, OdsRow};
use super::postcodes::{self, Position};
use super::{FileColumn, PublicDataError};
use crate::model::{Appraisal, Site};

/// The files a build reads.
#[derive(Debug, Clone, Copy)]
pub struct SiteFiles<'a> {
    /// `ets.csv`.
    pub sites: &'a Path,
    /// `etr.csv`: names the trusts, in messages and to match an appraisal's organisations.
    pub trusts: Option<&'a Path>,
    /// The ONS postcode directory (ONSPD or NSPL).
    pub postcodes: &'a Path,
}

/// A site as the official files describe it.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltSite {
    pub code: String,
    pub name: String,
    /// As the directory writes it (`pcds`).
    pub postcode: String,
    /// The parent trust's ODS code.
    pub trust: String,
    /// The trust's name in `etr.csv`, when given and listed there.
    pub trust_name: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub position: Position,
}

#[derive(Debug, Clone)]
pub struct Built {
    /// In the order asked for.
    pub sites: Vec<BuiltSite>,
    /// Where the coordinates were read.
    pub position: Vec<FileColumn>,
    /// What the user should know but that does not stop the import (a parent trust that has
    /// closed).
    pub warnings: Vec<String>,
}

/// Why sites could not be built from the files.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    File(#[from] PublicDataError),
    #[error("no site codes given")]
    NoCodes,
    #[error("'{}' is not an ODS site code (letters and digits, such as RJE01)", crate::quote::shorten(.0))]
    BadCode(String),
    #[error("{}: {count} sites asked for are not in it: {listed}", path.display())]
    Missing {
        path: PathBuf,
        count: usize,
        listed: String,
    },
    /// A closed site is refused rather than warned of: an appraisal counts every site as
    /// offering its services, and a code of a closed site is almost always a mistyped or old
    /// one.
    #[error("{}: {count} sites asked for have closed: {listed}; leave them out of the codes", path.display())]
    Closed {
        path: PathBuf,
        count: usize,
        listed: String,
    },
    #[error("{}: {count} postcodes of the sites are not in it: {listed}", path.display())]
    PostcodesMissing {
        path: PathBuf,
        count: usize,
        listed: String,
    },
    #[error("{}: {count} postcodes of the sites have no location: {listed}", path.display())]
    NoLocation {
        path: PathBuf,
        count: usize,
        listed: String,
    },
}

/// Items listed in a message: the first ten, and how many more.
fn listing(items: &[String]) -> String {
    let shown = items
        .iter()
        .take(10)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > 10 {
        format!("{shown} and {} more", items.len() - 10)
    } else {
        shown
    }
}

/// YYYYMM as YYYY-MM (anything else as written).
fn month(text: &str) -> String {
    if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}", &text[..4], &text[4..])
    } else {
        text.to_owned()
    }
}

/// The codes asked for, upper case, each once, in order.
fn codes(asked: &[String]) -> Result<Vec<String>, BuildError> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for code in asked {
        let code = code.trim().to_uppercase();
        if code.is_empty() {
            continue;
        }
        if code.len() > 10 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(BuildError::BadCode(code));
        }
        if seen.insert(code.clone()) {
            out.push(code);
        }
    }
    if out.is_empty() {
        return Err(BuildError::NoCodes);
    }
    Ok(out)
}

/// A site's postcode and parent, or the error naming its row and field.
fn postcode_and_parent(path: &Path, s: &OdsRow) -> Result<(String, String), PublicDataError> {
    let postcode = postcodes::normalise(&s.postcode).ok_or_else(|| {
        PublicDataError::value(
            path,
            s.row,
            &ods::field_label(ods::POSTCODE),
            &s.postcode,
            "is not a postcode",
        )
    })?;
    let parent = s.parent.clone().ok_or_else(|| {
        PublicDataError::value(
            path,
            s.row,
            &ods::field_label(ods::PARENT),
            "",
            "is empty: every site names its parent trust",
        )
    })?;
    Ok((postcode, parent))
}

/// Builds the sites `asked` for (ODS codes) from `files`. Every code must be in the site list
/// and open, and every site's postcode placed by the directory; otherwise all the codes or
/// postcodes at fault are listed, with their count. The small ODS files are checked before
/// the directory is streamed.
pub fn build(files: &SiteFiles, asked: &[String]) -> Result<Built, BuildError> {
    build_reporting(files, asked, &mut |_| {})
}

/// [`build`], calling `report` as each step starts.
pub fn build_reporting(
    files: &SiteFiles,
    asked: &[String],
    report: &mut dyn FnMut(super::zones::Step),
) -> Result<Built, BuildError> {
    let of = 2 + usize::from(files.trusts.is_some());
    let mut number = 0;
    let mut step = |what: &'static str, file: &Path| {
        number += 1;
        report(super::zones::Step {
            number,
            of,
            what,
            file: Some(file),
        });
    };
    let codes = codes(asked)?;
    let wanted: HashSet<&str> = codes.iter().map(String::as_str).collect();
    step("Reading the site list", files.sites);
    let rows = ods::read(files.sites, OdsKind::Sites, |c| wanted.contains(c))?;
    let missing: Vec<String> = codes
        .iter()
        .filter(|c| !rows.contains_key(*c))
        .cloned()
        .collect();
    if !missing.is_empty() {
        return Err(BuildError::Missing {
            path: files.sites.to_owned(),
            count: missing.len(),
            listed: listing(&missing),
        });
    }
    let closed: Vec<String> = codes
        .iter()
        .filter_map(|c| {
            let s = &rows[c];
            s.closed
                .as_ref()
                .map(|d| format!("{c} (row {}, closed {})", s.row, ods::date(d)))
        })
        .collect();
    if !closed.is_empty() {
        return Err(BuildError::Closed {
            path: files.sites.to_owned(),
            count: closed.len(),
            listed: listing(&closed),
        });
    }
    let mut placed = Vec::with_capacity(codes.len());
    for c in &codes {
        let s = &rows[c];
        let (postcode, parent) = postcode_and_parent(files.sites, s)?;
        placed.push((s, postcode, parent));
    }

    let mut warnings = Vec::new();
    let trusts = match files.trusts {
        Some(path) => {
            step("Reading the trust list", path);
            let parents: HashSet<&str> = placed.iter().map(|(_, _, p)| p.as_str()).collect();
            let trusts = ods::read(path, OdsKind::Trusts, |c| parents.contains(c))?;
            let mut closed: Vec<&OdsRow> = trusts.values().filter(|t| t.closed.is_some()).collect();
            closed.sort_by_key(|t| t.row);
            for t in closed {
                warnings.push(format!(
                    "{}, row {}: trust {} ({}) closed on {}; its sites may belong to another trust now",
                    path.display(),
                    t.row,
                    t.code,
                    t.name,
                    ods::date(t.closed.as_deref().unwrap_or_default())
                ));
            }
            trusts
        }
        None => HashMap::new(),
    };

    let wanted_postcodes: FxHashSet<String> = placed.iter().map(|(_, p, _)| p.clone()).collect();
    step("Searching the postcode directory", files.postcodes);
    let found = postcodes::find(files.postcodes, &wanted_postcodes)?;
    let sites_of = |postcode: &str| -> String {
        placed
            .iter()
            .filter(|(_, p, _)| p == postcode)
            .map(|(s, _, _)| s.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !found.missing.is_empty() {
        let listed: Vec<String> = found
            .missing
            .iter()
            .map(|p| format!("{p} ({})", sites_of(p)))
            .collect();
        return Err(BuildError::PostcodesMissing {
            path: files.postcodes.to_owned(),
            count: listed.len(),
            listed: listing(&listed),
        });
    }
    if !found.unlocated.is_empty() {
        let listed: Vec<String> = found
            .unlocated
            .iter()
            .map(|u| {
                format!(
                    "{} ({}; row {}, {})",
                    u.postcode,
                    sites_of(&u.postcode),
                    u.row,
                    u.reason
                )
            })
            .collect();
        return Err(BuildError::NoLocation {
            path: files.postcodes.to_owned(),
            count: listed.len(),
            listed: listing(&listed),
        });
    }

    let mut sites = Vec::with_capacity(placed.len());
    let mut used = (false, false);
    for (s, postcode, trust) in placed {
        let Some(at) = found.located.get(&postcode) else {
            continue;
        };
        match at.position {
            Position::LatLong => used.0 = true,
            Position::Grid => used.1 = true,
        }
        if let Some(when) = &at.terminated {
            warnings.push(format!(
                "{}, row {}: postcode {postcode} of site {} was terminated in {}; it is placed at its last location",
                files.postcodes.display(),
                at.row,
                s.code,
                month(when)
            ));
        }
        sites.push(BuiltSite {
            code: s.code.clone(),
            name: s.name.clone(),
            trust_name: trusts.get(&trust).map(|t| t.name.clone()),
            trust,
            postcode,
            latitude: at.latitude,
            longitude: at.longitude,
            position: at.position,
        });
    }
    let position = [(used.0, found.latlong), (used.1, found.grid)]
        .into_iter()
        .filter_map(|(u, c)| c.filter(|_| u))
        .collect();
    Ok(Built {
        sites,
        position,
        warnings,
    })
}

/// One site an import adds, refreshes or finds unchanged.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SiteChange {
    pub code: String,
    pub name: String,
    pub postcode: String,
    /// The appraisal's organisation the site belongs to.
    pub organisation: String,
    pub latitude: f64,
    pub longitude: f64,
}

/// What merging built sites changes.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct SiteChanges {
    pub added: Vec<SiteChange>,
    pub updated: Vec<SiteChange>,
    pub unchanged: Vec<SiteChange>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApplyError {
    #[error(
        "{count} parent trusts of the sites are not organisations of the appraisal: {listed}; add them as organisations first (with their kind and financial baseline), then import the sites"
    )]
    UnknownOrganisations { count: usize, listed: String },
}

/// A trust's name for matching: upper case, words of letters and digits, "&" read as "AND".
fn name_key(name: &str) -> String {
    name.to_uppercase()
        .replace('&', " AND ")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Adds `built` to `a`, or refreshes the site of the same code (its name, organisation,
/// postcode and position; its services kept).
///
/// A site's parent trust must already be an organisation of the appraisal, matched by ODS code
/// or, with the trust list, by name. It is refused, with `a` unchanged, rather than added:
/// an organisation in an appraisal carries its kind, CQC rating and financial baseline, which
/// the ODS files do not hold, and an organisation added blank would enter the viability model
/// with no plan. An analyst who picks a site of a trust outside the appraisal has more often
/// mistyped a code than meant to widen the appraisal; the message names each trust (with its
/// `etr.csv` name) and its sites so either is plain.
pub fn apply(a: &mut Appraisal, built: &Built) -> Result<SiteChanges, ApplyError> {
    let by_code: HashMap<String, &str> = a
        .organisations
        .iter()
        .map(|o| (o.code.to_uppercase(), o.code.as_str()))
        .collect();
    let by_name: HashMap<String, &str> = a
        .organisations
        .iter()
        .map(|o| (name_key(&o.name), o.code.as_str()))
        .collect();
    let mut owner: Vec<String> = Vec::with_capacity(built.sites.len());
    let mut unknown: Vec<(String, Option<String>, Vec<String>)> = Vec::new();
    for s in &built.sites {
        let matched = by_code.get(&s.trust.to_uppercase()).or_else(|| {
            s.trust_name
                .as_ref()
                .and_then(|n| by_name.get(&name_key(n)))
        });
        match matched {
            Some(code) => owner.push((*code).to_owned()),
            None => match unknown.iter_mut().find(|(t, _, _)| *t == s.trust) {
                Some((_, _, sites)) => sites.push(s.code.clone()),
                None => unknown.push((s.trust.clone(), s.trust_name.clone(), vec![s.code.clone()])),
            },
        }
    }
    if !unknown.is_empty() {
        let listed: Vec<String> = unknown
            .iter()
            .map(|(t, name, sites)| match name {
                Some(n) => format!("{t} ({n}) of {}", sites.join(", ")),
                None => format!("{t} of {}", sites.join(", ")),
            })
            .collect();
        return Err(ApplyError::UnknownOrganisations {
            count: listed.len(),
            listed: listing(&listed),
        });
    }

    let mut changes = SiteChanges::default();
    for (s, organisation) in built.sites.iter().zip(owner) {
        let change = SiteChange {
            code: s.code.clone(),
            name: s.name.clone(),
            postcode: s.postcode.clone(),
            organisation: organisation.clone(),
            latitude: s.latitude,
            longitude: s.longitude,
        };
        match a.sites.iter_mut().find(|old| old.code == s.code) {
            Some(old) => {
                let new = Site {
                    code: s.code.clone(),
                    name: s.name.clone(),
                    organisation,
                    latitude: Some(s.latitude),
                    longitude: Some(s.longitude),
                    services: old.services.clone(),
                    postcode: Some(s.postcode.clone()),
                };
                if *old == new {
                    changes.unchanged.push(change);
                } else {
                    *old = new;
                    changes.updated.push(change);
                }
            }
            None => {
                a.sites.push(Site {
                    code: s.code.clone(),
                    name: s.name.clone(),
                    organisation,
                    latitude: Some(s.latitude),
                    longitude: Some(s.longitude),
                    services: Vec::new(),
                    postcode: Some(s.postcode.clone()),
                });
                changes.added.push(change);
            }
        }
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_names_match_whatever_their_case_spacing_and_ampersands() {
        assert_eq!(
            name_key("University Hospitals of Derby & Burton NHS Foundation Trust"),
            name_key("UNIVERSITY HOSPITALS OF DERBY AND BURTON NHS FOUNDATION TRUST")
        );
        assert_ne!(name_key("Burton Hospitals"), name_key("Burton Hospital"));
    }

    #[test]
    fn codes_are_upper_case_once_each_and_refused_when_not_codes() {
        let asked = |t: &str| codes(&t.split(',').map(str::to_owned).collect::<Vec<_>>());
        assert_eq!(asked("rje01, RJE48,RJE01,").unwrap(), ["RJE01", "RJE48"]);
        assert!(matches!(asked(" , "), Err(BuildError::NoCodes)));
        assert!(matches!(asked("RJE01;RJE48"), Err(BuildError::BadCode(_))));
    }
}
