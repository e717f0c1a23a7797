//! The TypeScript declarations of every core type that crosses to the window, generated with
//! ts-rs into `ui/src/lib/generated/core.ts`, so the UI's types come from Rust instead of hand
//! copies that drift.
//!
//! The test fails when the checked-in file is stale; regenerate it with
//! `UPDATE_TYPES=1 cargo test -p appraise --lib generated_types`.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use ts_rs::{Config, TS, TypeVisitor};

/// Where the declarations go, relative to the repository top.
const OUTPUT: &str = "ui/src/lib/generated/core.ts";

/// What regenerates the file, for the header and the failure message.
const REGENERATE: &str = "UPDATE_TYPES=1 cargo test -p appraise --lib generated_types";

/// Collects each type reachable from the roots once, keyed by its TypeScript name so two Rust
/// types with one name (which would silently shadow each other) are caught.
struct Collect {
    cfg: Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, (&'static str, String)>,
    clashes: Vec<String>,
}

impl Collect {
    fn add<T: TS + ?Sized + 'static>(&mut self) {
        // Primitives, containers and references have no declaration of their own; the derive
        // visits what they hold.
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        let name = T::ident(&self.cfg);
        let rust = std::any::type_name::<T>();
        let mut decl = T::docs().unwrap_or_default();
        decl.push_str("export ");
        decl.push_str(&T::decl(&self.cfg));
        decl.push('\n');
        if let Some((other, _)) = self.decls.insert(name.clone(), (rust, decl)) {
            self.clashes.push(format!("{name}: {other} and {rust}"));
        }
        T::visit_dependencies(self);
    }
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        self.add::<T>();
    }
}

/// The file's text: every type the commands take or return, with what those contain.
fn render() -> String {
    use crate::{model, sensitivity, session, summary};
    let mut c = Collect {
        cfg: Config::new().with_large_int("number"),
        seen: HashSet::new(),
        decls: BTreeMap::new(),
        clashes: Vec::new(),
    };
    // What the commands return.
    c.add::<summary::Summary>();
    c.add::<crate::glossary::Term>();
    c.add::<crate::changes::SinceLastPack>();
    c.add::<session::DocumentState>();
    c.add::<session::View<'static>>();
    c.add::<session::Changed<'static>>();
    c.add::<session::SessionResults>();
    c.add::<sensitivity::Robustness>();
    c.add::<sensitivity::DrawsView>();
    c.add::<session::ZonePage>();
    c.add::<session::Chart>();
    c.add::<session::ProgressView>();
    c.add::<session::ImportPreview>();
    c.add::<session::Exported>();
    c.add::<session::MatrixImported>();
    c.add::<session::ZonePreview>();
    c.add::<session::BuildView>();
    c.add::<session::SitePreview>();
    c.add::<session::SiteProgressView>();
    c.add::<session::RoadTimesDone>();
    c.add::<session::TransitTimesDone>();
    c.add::<session::MergePreview>();
    c.add::<session::WorkshopView>();
    // What they take.
    c.add::<session::Edit>();
    c.add::<session::PublicZoneFiles>();
    c.add::<session::PublicSiteFiles>();
    c.add::<session::TransitRequest>();
    c.add::<session::ChartRequest>();
    c.add::<session::Take>();
    c.add::<model::Status>();
    c.add::<model::TravelMode>();
    assert!(
        c.clashes.is_empty(),
        "two Rust types share a TypeScript name; give one #[cfg_attr(test, ts(rename = \"..\"))]: {:?}",
        c.clashes
    );
    let mut out =
        format!("// Generated from the Rust types by ts-rs ({REGENERATE}). Do not edit.\n");
    for (_, decl) in c.decls.values() {
        out.push('\n');
        out.push_str(decl);
    }
    out
}

/// Where the financial-year labels go, relative to the repository top.
const YEARS_OUTPUT: &str = "ui/src/lib/generated/years.ts";

/// The label of every financial year the model accepts, as `model::financial_year_label` makes
/// it: the window looks a year up here instead of formatting it by a rule of its own.
fn render_years() -> String {
    let mut out = format!(
        "// Generated from model::financial_year_label ({REGENERATE}). Do not edit.\n\n\
         /** Each financial year the model accepts, by its first calendar year. */\n\
         export const FINANCIAL_YEARS: Readonly<Record<number, string>> = {{\n"
    );
    for year in crate::limits::FINANCE_YEARS {
        out.push_str(&format!(
            "  {year}: '{}',\n",
            crate::model::financial_year_label(year)
        ));
    }
    out.push_str("};\n");
    out
}

/// Fails unless the file at `relative` holds `expected`; rewrites it instead under
/// `UPDATE_TYPES`.
fn check(relative: &str, expected: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{} is stale (the Rust types changed); regenerate it with\n    {REGENERATE}",
        path.display()
    );
}

#[test]
fn generated_types() {
    check(OUTPUT, &render());
    check(YEARS_OUTPUT, &render_years());
}
