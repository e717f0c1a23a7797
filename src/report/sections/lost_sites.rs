//! Every site an option stops offering a service at, and how much further its patients go: one
//! row per option, site and mode, the services with the same figures named together.
//!
//! A board reads a few pages, not a national list: an appraisal of hundreds of sites and many
//! options makes thousands of rows (78 pages, and most of a national pack's typesetting). Up to
//! [`LIST_ALL`] rows the pack lists them all; beyond, each option's [`TOP`] rows with the most
//! people, its count of sites and rows, and where the whole list is (the results workbook's
//! LostSites sheet, which has every row).

use std::collections::HashMap;

use super::super::doc::{Cell, Doc, cell, num};
use crate::charts::count;
use crate::model::TravelMode;
use crate::travel::TravelResults;

/// The most rows listed whole: about four pages.
pub const LIST_ALL: usize = 120;
/// Rows named per option when the list is longer.
pub const TOP: usize = 8;

struct Row<'t> {
    option: usize,
    mode: TravelMode,
    site: &'t str,
    people: f64,
    extra: String,
    services: Vec<&'t str>,
}

pub fn write(doc: &mut Doc, t: &TravelResults) {
    let rows = rows(t);
    if rows.is_empty() {
        doc.para(
            "No option stops offering any service at any site that offers it under do minimum.",
        );
        return;
    }
    doc.para("Where an option stops offering a service at a site, the people for whom that site is the nearest under do minimum travel on to the next nearest; their mean extra minutes, and the least and most of any zone:");
    let name = |option: usize| {
        t.services
            .first()
            .and_then(|s| s.options.get(option))
            .map_or("", |o| o.name.as_str())
    };
    if rows.len() <= LIST_ALL {
        let cells = rows
            .iter()
            .map(|r| {
                let mut row = vec![cell(name(r.option))];
                row.extend(cells(r));
                row
            })
            .collect();
        doc.table(
            "(1fr, 0.8fr, 1.1fr, auto, auto, auto)",
            &[
                "Option",
                "Site",
                "Services",
                "By",
                "People",
                "Extra minutes",
            ],
            cells,
        );
        return;
    }
    doc.para(&format!(
        "The options stop offering services at sites in {} rows, too many for a board pack: for each option, its {TOP} rows with the most people. Every row is in the results workbook (the Spreadsheets screen's results workbook, or appraise export-xlsx), on its LostSites sheet. An option not named here stops offering no service at any site.",
        count(rows.len() as f64)
    ));
    for option in rows.chunk_by(|a, b| a.option == b.option) {
        let sites = {
            let mut s: Vec<&str> = option.iter().map(|r| r.site).collect();
            s.sort_unstable();
            s.dedup();
            s.len()
        };
        let mut top: Vec<&Row> = option.iter().collect();
        top.sort_by(|a, b| b.people.total_cmp(&a.people));
        top.truncate(TOP);
        let shown = if option.len() > TOP {
            format!("; the {TOP} with the most people:")
        } else {
            ":".to_owned()
        };
        doc.para(&format!(
            "{} stops offering a service at {} {} ({} {}){shown}",
            name(option[0].option),
            count(sites as f64),
            if sites == 1 { "site" } else { "sites" },
            count(option.len() as f64),
            if option.len() == 1 { "row" } else { "rows" },
        ));
        doc.table(
            "(1fr, 1.3fr, auto, auto, auto)",
            &["Site", "Services", "By", "People", "Extra minutes"],
            top.into_iter().map(cells).collect(),
        );
    }
}

/// A row's cells after its option.
fn cells(r: &Row) -> Vec<Cell> {
    vec![
        cell(r.site),
        cell(&r.services.join(", ")),
        cell(r.mode.label()),
        num(&count(r.people)),
        num(&r.extra),
    ]
}

/// The rows in option then mode order, each option's in the order of the services and sites.
fn rows(t: &TravelResults) -> Vec<Row<'_>> {
    let mut rows: Vec<Row> = Vec::new();
    let mut at: HashMap<(usize, TravelMode, &str, String, String), usize> = HashMap::new();
    for s in &t.services {
        for (option, o) in s.options.iter().enumerate() {
            for l in &o.lost_sites {
                let extra = match (l.mean_extra, l.least_extra, l.most_extra) {
                    (Some(mean), Some(least), Some(most)) => {
                        format!("{mean:+.1} ({least:+.0} to {most:+.0})")
                    }
                    _ => "no other site".to_owned(),
                };
                let key = (option, s.mode, l.name.as_str(), count(l.people), extra);
                match at.get(&key) {
                    Some(&i) => rows[i].services.push(&s.name),
                    None => {
                        at.insert(key.clone(), rows.len());
                        rows.push(Row {
                            option,
                            mode: s.mode,
                            site: &l.name,
                            people: l.people,
                            extra: key.4,
                            services: vec![&s.name],
                        });
                    }
                }
            }
        }
    }
    rows.sort_by_key(|r| (r.option, r.mode));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluation::Evaluation;
    use crate::travel::LostSite;

    fn demo_travel() -> TravelResults {
        let a = crate::demo::appraisal();
        Evaluation::of(&a).travel().clone().unwrap()
    }

    fn source(t: &TravelResults) -> String {
        let mut doc = Doc::default();
        write(&mut doc, t);
        doc.finish().0
    }

    /// The demo's few rows are listed whole, Stafford's A&E under the merger among them.
    #[test]
    fn a_short_list_is_listed_whole() {
        let t = demo_travel();
        let rows = rows(&t);
        assert!(!rows.is_empty() && rows.len() <= LIST_ALL);
        let src = source(&t);
        assert!(src.contains(r#"[*#"Option"*],[*#"Site"*]"#), "{src}");
        assert!(src.contains(r#"[#"County Hospital, Stafford"]"#));
        assert_eq!(src.matches("#table(").count(), 1);
        assert!(!src.contains("LostSites"));
    }

    /// 200 more sites lost under the merger, site k with 1,000 k people: the pack names the
    /// merger's eight largest (sites 200 down to 193, in that order), counts its sites and rows,
    /// and says where the whole list is.
    #[test]
    fn a_long_list_names_each_option_s_largest_and_where_the_rest_are() {
        let mut t = demo_travel();
        let (before, merger_rows, merger_sites) = {
            let before = rows(&t);
            let merger: Vec<&Row> = before.iter().filter(|r| r.option == 1).collect();
            let mut sites: Vec<&str> = merger.iter().map(|r| r.site).collect();
            sites.sort_unstable();
            sites.dedup();
            (before.len(), merger.len(), sites.len())
        };
        let (mode, service) = (t.services[0].mode, t.services[0].name.clone());
        let merger = &mut t.services[0].options[1];
        let merger_name = merger.name.clone();
        for k in 1..=200 {
            merger.lost_sites.push(LostSite {
                site: format!("X{k}"),
                name: format!("Extra site {k}"),
                people: 1000.0 * f64::from(k),
                mean_extra: Some(12.0),
                least_extra: Some(3.0),
                most_extra: Some(30.0),
                unreached: 0.0,
            });
        }
        let all = rows(&t);
        assert_eq!(all.len(), before + 200);
        let src = source(&t);
        assert!(src.contains(&format!(
            "{} rows, too many for a board pack",
            count(all.len() as f64)
        )));
        assert!(src.contains("on its LostSites sheet"));
        assert!(src.contains(&format!(
            "{merger_name} stops offering a service at {} sites ({} rows); the 8 with the most people:",
            merger_sites + 200,
            merger_rows + 200
        )));
        let named: Vec<usize> = (1..=200)
            .filter_map(|k| {
                src.find(&format!(r#"[#"Extra site {k}"]"#))
                    .map(|at| (at, k))
            })
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_values()
            .collect();
        assert_eq!(named, (193..=200).rev().collect::<Vec<_>>());
        assert!(src.contains(r#"table.cell(align: right)[#"200,000"]"#));
        assert!(src.contains(r#"table.cell(align: right)[#"+12.0 (+3 to +30)"]"#));
        assert!(src.contains(&format!(r#"[#"{service}"],[#"{}"]"#, mode.label())));
    }
}
