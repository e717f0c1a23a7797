//! The engines' results as tables, written as one workbook (a sheet each) or as one CSV file
//! per table: the ranking, each criterion's value and contribution, finances by year, travel
//! measures, switch points and SMAA acceptabilities. Figures are written at full precision;
//! the workbook formats them for reading.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use super::SheetError;
use super::template::{Value, write_atomically};
use crate::evaluation::Evaluation;
use crate::finance::FinanceResults;
use crate::model::Appraisal;
use crate::score::Results;
use crate::sensitivity::{DrawProgress, Report};
use crate::travel::TravelResults;

/// One results table.
pub struct ResultTable {
    pub name: &'static str,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// The names of the tables, in order (the CLI's `export-csv` TABLE argument).
pub const TABLES: [&str; 8] = [
    "Ranking",
    "Criteria",
    "Values",
    "Finance",
    "Travel",
    "LostSites",
    "SwitchPoints",
    "SMAA",
];

/// Tabulates `evaluation`, the engines' results for `a`; a table whose engine cannot run is
/// left out (its absence is listed in the returned notes).
pub fn tables(
    a: &Appraisal,
    evaluation: &Evaluation,
) -> Result<(Vec<ResultTable>, Vec<String>), SheetError> {
    let mut notes = Vec::new();
    let r = evaluation
        .score()
        .as_ref()
        .map_err(|e| SheetError::Scoring(e.to_string()))?;
    let mut out = vec![ranking(r), criteria(r), values(r)];
    match evaluation.finance() {
        Ok(f) => out.push(finance(f)),
        Err(e) => notes.push(format!("Finance: the viability model could not run: {e}")),
    }
    match evaluation.travel() {
        Ok(t) => out.extend([travel(t), lost_sites(t)]),
        Err(e) => notes.push(format!("Travel: the travel engine could not run: {e}")),
    }
    match evaluation.robustness(a, &DrawProgress::default()) {
        Ok(s) => {
            out.push(switch_points(&s.analysis));
            out.push(smaa(&s.analysis));
        }
        Err(e) => notes.push(format!("Sensitivity: the analysis could not run: {e}")),
    }
    Ok((out, notes))
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

fn ranking(r: &Results) -> ResultTable {
    let groups: Vec<usize> = r
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.top_level)
        .map(|(i, _)| i)
        .collect();
    let mut h = header(&[
        "rank",
        "option",
        "name",
        "total",
        "passes_hurdles",
        "preferred",
    ]);
    h.extend(
        groups
            .iter()
            .map(|g| format!("{} points", r.groups[*g].name)),
    );
    let mut order: Vec<_> = r.options.iter().collect();
    order.sort_by_key(|o| o.rank);
    let rows = order
        .iter()
        .map(|o| {
            let mut row: Vec<Value> = vec![
                (o.rank as f64).into(),
                o.code.as_str().into(),
                o.name.as_str().into(),
                o.total.into(),
                if o.hurdles.passes { "yes" } else { "no" }.into(),
                if o.preferred { "yes" } else { "no" }.into(),
            ];
            row.extend(
                groups
                    .iter()
                    .map(|g| Value::from(o.groups.get(*g).map(|s| s.contribution))),
            );
            row
        })
        .collect();
    ResultTable {
        name: "Ranking",
        header: h,
        rows,
    }
}

fn criteria(r: &Results) -> ResultTable {
    let rows = r
        .options
        .iter()
        .flat_map(|o| {
            o.leaves.iter().map(|l| {
                vec![
                    o.code.as_str().into(),
                    l.criterion.as_str().into(),
                    l.name.as_str().into(),
                    match &l.raw {
                        crate::model::RawValue::Number(n) => Value::Number(*n),
                        crate::model::RawValue::Category(c) => c.as_str().into(),
                    },
                    l.value.into(),
                    l.global_weight.into(),
                    l.contribution.into(),
                    if l.manual { "yes" } else { "no" }.into(),
                ]
            })
        })
        .collect();
    ResultTable {
        name: "Criteria",
        header: header(&[
            "option",
            "criterion",
            "name",
            "raw",
            "value",
            "global_weight",
            "contribution",
            "hand_entered",
        ]),
        rows,
    }
}

/// The value matrix: options down, criteria across, 0-100 values.
fn values(r: &Results) -> ResultTable {
    let mut h = header(&["option"]);
    if let Some(first) = r.options.first() {
        h.extend(first.leaves.iter().map(|l| l.criterion.clone()));
    }
    let rows = r
        .options
        .iter()
        .map(|o| {
            let mut row: Vec<Value> = vec![o.code.as_str().into()];
            row.extend(o.leaves.iter().map(|l| Value::from(l.value)));
            row
        })
        .collect();
    ResultTable {
        name: "Values",
        header: h,
        rows,
    }
}

fn finance(f: &FinanceResults) -> ResultTable {
    let rows = f
        .options
        .iter()
        .flat_map(|o| {
            o.years.iter().map(|y| {
                vec![
                    o.code.as_str().into(),
                    f64::from(y.year).into(),
                    y.lines.operating_income.into(),
                    y.lines.ebitda.into(),
                    y.surplus.into(),
                    y.margin_percent.into(),
                    y.liquidity_days.into(),
                    y.capital_service_cover.into(),
                    f64::from(y.cosrr.overall).into(),
                    f64::from(y.sof.overall).into(),
                ]
            })
        })
        .collect();
    ResultTable {
        name: "Finance",
        header: header(&[
            "option",
            "year",
            "operating_income",
            "ebitda",
            "surplus",
            "margin_percent",
            "liquidity_days",
            "capital_service_cover",
            "cosrr",
            "sof_finance_score",
        ]),
        rows,
    }
}

fn travel(t: &TravelResults) -> ResultTable {
    let rows = t
        .services
        .iter()
        .flat_map(|s| {
            s.options.iter().map(move |o| {
                vec![
                    s.service.as_str().into(),
                    crate::store::mode_name(s.mode).into(),
                    o.option.as_str().into(),
                    o.all.mean.into(),
                    o.all.median.into(),
                    o.all.p90.into(),
                    o.all.share_within.into(),
                    o.all.mean_change.into(),
                    o.all.people_worse.into(),
                    o.all.zones_outside.map(|n| n as f64).into(),
                ]
            })
        })
        .collect();
    ResultTable {
        name: "Travel",
        header: header(&[
            "service",
            "mode",
            "option",
            "mean_minutes",
            "median_minutes",
            "p90_minutes",
            "share_within_threshold_percent",
            "mean_change_minutes",
            "people_worse",
            "zones_outside",
        ]),
        rows,
    }
}

/// Every site each option stops offering a service at, a row per service, mode and site: the
/// whole list the board pack shortens for a large appraisal.
fn lost_sites(t: &TravelResults) -> ResultTable {
    let rows = t
        .services
        .iter()
        .flat_map(|s| {
            s.options.iter().flat_map(move |o| {
                o.lost_sites.iter().map(move |l| {
                    vec![
                        s.service.as_str().into(),
                        crate::store::mode_name(s.mode).into(),
                        o.option.as_str().into(),
                        l.site.as_str().into(),
                        l.name.as_str().into(),
                        l.people.into(),
                        l.mean_extra.into(),
                        l.least_extra.into(),
                        l.most_extra.into(),
                        l.unreached.into(),
                    ]
                })
            })
        })
        .collect();
    ResultTable {
        name: "LostSites",
        header: header(&[
            "service",
            "mode",
            "option",
            "site",
            "site_name",
            "people",
            "mean_extra_minutes",
            "least_extra_minutes",
            "most_extra_minutes",
            "people_unreached",
        ]),
        rows,
    }
}

fn switch_points(s: &Report) -> ResultTable {
    let rows = s
        .one_way
        .iter()
        .map(|n| {
            let x = n.nearest.as_ref();
            vec![
                n.criterion.as_str().into(),
                n.name.as_str().into(),
                n.parent.clone().unwrap_or_default().into(),
                n.weight.into(),
                Value::from(x.map(|x| x.weight)),
                Value::from(x.map(|x| x.points)),
                Value::from(x.and_then(|x| x.share_of_weight)),
                x.map_or(String::new(), |x| x.to.clone()).into(),
            ]
        })
        .collect();
    ResultTable {
        name: "SwitchPoints",
        header: header(&[
            "criterion",
            "name",
            "within",
            "weight",
            "nearest_switch_weight",
            "move_points",
            "move_share_of_weight",
            "then_preferred",
        ]),
        rows,
    }
}

fn smaa(s: &Report) -> ResultTable {
    let ranks = s.smaa.options.len();
    let mut h = header(&["option"]);
    for r in 1..=ranks {
        h.push(format!("rank_{r}"));
        h.push(format!("rank_{r}_se"));
    }
    h.extend(header(&["confidence", "holistic"]));
    let rows = s
        .smaa
        .options
        .iter()
        .map(|o| {
            let mut row: Vec<Value> = vec![o.code.as_str().into()];
            for e in &o.acceptability {
                row.push(e.value.into());
                row.push(e.se.into());
            }
            row.push(o.confidence.map(|c| c.value).into());
            row.push(o.holistic.value.into());
            row
        })
        .collect();
    ResultTable {
        name: "SMAA",
        header: h,
        rows,
    }
}

/// `appraise export-xlsx FILE OUT.xlsx`: every table, a sheet each.
pub fn write_xlsx(
    a: &Appraisal,
    evaluation: &Evaluation,
    path: &Path,
) -> Result<Vec<String>, SheetError> {
    let (tables, notes) = tables(a, evaluation)?;
    let fail = |e: rust_xlsxwriter::XlsxError| SheetError::Write {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    for t in &tables {
        let ws = book.add_worksheet();
        ws.set_name(t.name).map_err(fail)?;
        for (c, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)
                .map_err(fail)?;
            ws.set_column_width(c as u16, (h.len() as f64 + 2.0).clamp(10.0, 40.0))
                .map_err(fail)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match v {
                    Value::Text(s) if !s.is_empty() => {
                        ws.write_string(r, c, s).map_err(fail)?;
                    }
                    Value::Number(n) if n.is_finite() => {
                        ws.write_number(r, c, *n).map_err(fail)?;
                    }
                    _ => {}
                }
            }
        }
        ws.set_freeze_panes(1, 0).map_err(fail)?;
    }
    if !notes.is_empty() {
        let ws = book.add_worksheet();
        ws.set_name("Notes").map_err(fail)?;
        for (r, n) in notes.iter().enumerate() {
            ws.write_string(r as u32, 0, n).map_err(fail)?;
        }
    }
    let bytes = book.save_to_buffer().map_err(fail)?;
    write_atomically(path, &bytes)?;
    Ok(notes)
}

/// `appraise export-csv FILE TABLE OUT.csv`: one table as CSV.
pub fn write_csv(
    a: &Appraisal,
    evaluation: &Evaluation,
    table: &str,
    path: &Path,
) -> Result<(), SheetError> {
    let (tables, notes) = tables(a, evaluation)?;
    let Some(t) = tables.iter().find(|t| t.name.eq_ignore_ascii_case(table)) else {
        let why = notes
            .iter()
            .find(|n| n.to_lowercase().starts_with(&table.to_lowercase()))
            .cloned()
            .unwrap_or_else(|| format!("the tables are {}", TABLES.join(", ")));
        return Err(SheetError::Write {
            path: path.to_owned(),
            reason: format!("no table '{}': {why}", crate::quote::shorten(table)),
        });
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| SheetError::Write {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    w.write_record(t.header.iter().map(|h| inert(h)))
        .map_err(fail)?;
    for row in &t.rows {
        w.write_record(row.iter().map(|v| match v {
            Value::Text(s) => inert(s),
            Value::Number(n) if n.is_finite() => n.to_string(),
            _ => String::new(),
        }))
        .map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| SheetError::Write {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    write_atomically(path, &bytes)
}

/// A text cell as a CSV file may hold it without a spreadsheet running it: text that begins
/// with `=`, `+`, `-` or `@` (or a tab or carriage return, which some programs skip first) is
/// read as a formula when the file is opened, so it gets a leading apostrophe, as OWASP
/// advises for CSV injection. Numbers are written as numbers and never pass through here, so
/// a negative figure stays a number. (The workbook export writes text as text, which Excel
/// never runs.)
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_a_spreadsheet_would_run_is_made_inert() {
        assert_eq!(
            inert("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(inert("+1"), "'+1");
        assert_eq!(inert("-cmd"), "'-cmd");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("\t=1"), "'\t=1");
        assert_eq!(inert("Merger"), "Merger");
        assert_eq!(inert("a=b"), "a=b");
        assert_eq!(inert(""), "");
    }
}
