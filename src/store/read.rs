//! Reading a whole appraisal back from the file's tables.

use std::collections::HashMap;

use rusqlite::{Connection, Row};
use serde::de::DeserializeOwned;

pub use super::read_error::ReadError;
use crate::model::{
    Appraisal, AppraisalOption, AuditEntry, Criterion, DiscountBand, DiscountSchedule,
    ExportRecord, FinancialYear, GroupWeights, Meta, Organisation, Performance, Score, Scorer,
    SensitivitySettings, Service, Settings, Site, SiteService, SiteTransfer, Threshold,
    TravelMatrix, WeightBound, WeightModel, WeightSet, Weighting, Zone,
};

/// Where a stored value sits, so a decoding failure can name it.
struct At<'a> {
    table: &'static str,
    key: &'a str,
}

impl At<'_> {
    fn name<T: DeserializeOwned>(&self, field: &'static str, text: String) -> Result<T, ReadError> {
        self.json(field, &serde_json::Value::String(text).to_string())
    }

    fn json<T: DeserializeOwned>(&self, field: &'static str, text: &str) -> Result<T, ReadError> {
        serde_json::from_str(text).map_err(|e| ReadError::Field {
            table: self.table,
            key: self.key.to_owned(),
            field,
            detail: e.to_string(),
        })
    }
}

/// The audit trail's columns in [`audit_entry`]'s order.
pub(super) const AUDIT_COLUMNS: &str = "SELECT at, who, what, old, new FROM audit";

/// One audit entry from a row of [`AUDIT_COLUMNS`].
pub(super) fn audit_entry(r: &Row) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        at: r.get(0)?,
        who: r.get(1)?,
        what: r.get(2)?,
        old: r.get(3)?,
        new: r.get(4)?,
    })
}

/// Rows of a child table, grouped by their parent's code, in stored order.
fn grouped<T>(
    conn: &Connection,
    sql: &str,
    row: impl Fn(&Row) -> Result<(String, T), ReadError>,
) -> Result<HashMap<String, Vec<T>>, ReadError> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<String, Vec<T>> = HashMap::new();
    while let Some(r) = rows.next()? {
        let (parent, item) = row(r)?;
        out.entry(parent).or_default().push(item);
    }
    Ok(out)
}

fn all<T>(
    conn: &Connection,
    sql: &str,
    row: impl FnMut(&Row) -> Result<T, ReadError>,
) -> Result<Vec<T>, ReadError> {
    all_with(conn, sql, [], row)
}

/// [`all`] with the query's parameters.
fn all_with<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    mut row: impl FnMut(&Row) -> Result<T, ReadError>,
) -> Result<Vec<T>, ReadError> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row(r)?);
    }
    Ok(out)
}

/// Whether a read takes the travel matrix too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matrix {
    Read,
    /// Left in the file: the appraisal holds an empty matrix.
    Left,
}

pub fn appraisal(conn: &Connection, matrix: Matrix) -> Result<Appraisal, ReadError> {
    let bands = all(
        conn,
        "SELECT from_year, to_year, rate FROM discount_bands ORDER BY pos",
        |r| {
            Ok(DiscountBand {
                from_year: r.get(0)?,
                to_year: r.get(1)?,
                rate: r.get(2)?,
            })
        },
    )?;
    let meta_at = At {
        table: "meta",
        key: "1",
    };
    let (meta, mut settings, travel_estimator): (Meta, Settings, _) = conn
        .query_row(
            "SELECT title, health_economy, author, status, base_year, horizon_years, illustrative,
             description, settings, travel_estimator FROM meta WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i32>(4)?,
                    r.get::<_, u32>(5)?,
                    r.get::<_, bool>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, String>(9)?,
                ))
            },
        )
        .map_err(ReadError::from)
        .and_then(
            |(
                title,
                health_economy,
                author,
                status,
                base_year,
                horizon_years,
                illustrative,
                description,
                settings,
                estimator,
            )| {
                Ok((
                    Meta {
                        title,
                        health_economy,
                        author,
                        status: meta_at.name("status", status)?,
                        base_year,
                        horizon_years,
                        discount: DiscountSchedule { bands },
                        illustrative,
                        description,
                    },
                    meta_at.json("settings", &settings)?,
                    meta_at.json("travel_estimator", &estimator)?,
                ))
            },
        )?;

    let mut baselines = grouped(
        conn,
        "SELECT organisation, year, operating_income, pay, non_pay, depreciation, pdc_dividend,
             interest_payable, interest_receivable, loan_principal_repaid, capital_expenditure,
             cash, current_assets, current_liabilities, working_capital_facility,
             planned_surplus, agency_spend, agency_cap
         FROM financial_years ORDER BY organisation, pos",
        |r| {
            Ok((
                r.get(0)?,
                FinancialYear {
                    year: r.get(1)?,
                    operating_income: r.get(2)?,
                    pay: r.get(3)?,
                    non_pay: r.get(4)?,
                    depreciation: r.get(5)?,
                    pdc_dividend: r.get(6)?,
                    interest_payable: r.get(7)?,
                    interest_receivable: r.get(8)?,
                    loan_principal_repaid: r.get(9)?,
                    capital_expenditure: r.get(10)?,
                    cash: r.get(11)?,
                    current_assets: r.get(12)?,
                    current_liabilities: r.get(13)?,
                    working_capital_facility: r.get(14)?,
                    planned_surplus: r.get(15)?,
                    agency_spend: r.get(16)?,
                    agency_cap: r.get(17)?,
                },
            ))
        },
    )?;
    let organisations = all(
        conn,
        "SELECT code, name, kind, cqc_rating, projection FROM organisations ORDER BY pos",
        |r| {
            let code: String = r.get(0)?;
            let at = At {
                table: "organisations",
                key: &code,
            };
            let cqc_rating = match r.get::<_, Option<String>>(3)? {
                Some(text) => Some(at.name("cqc_rating", text)?),
                None => None,
            };
            Ok(Organisation {
                name: r.get(1)?,
                kind: at.name("kind", r.get(2)?)?,
                cqc_rating,
                projection: at.json("projection", &r.get::<_, String>(4)?)?,
                baseline: baselines.remove(&code).unwrap_or_default(),
                code,
            })
        },
    )?;

    let mut thresholds = grouped(
        conn,
        "SELECT service, mode, minutes FROM service_thresholds ORDER BY service, pos",
        |r| {
            let service: String = r.get(0)?;
            let at = At {
                table: "service_thresholds",
                key: &service,
            };
            let mode = at.name("mode", r.get(1)?)?;
            Ok((
                service,
                Threshold {
                    mode,
                    minutes: r.get(2)?,
                },
            ))
        },
    )?;
    let services = all(conn, "SELECT code, name FROM services ORDER BY pos", |r| {
        let code: String = r.get(0)?;
        Ok(Service {
            name: r.get(1)?,
            thresholds: thresholds.remove(&code).unwrap_or_default(),
            code,
        })
    })?;

    let mut offered = grouped(
        conn,
        "SELECT site, service FROM site_services ORDER BY site, pos",
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let sites = all(
        conn,
        "SELECT code, name, organisation, latitude, longitude, postcode FROM sites ORDER BY pos",
        |r| {
            let code: String = r.get(0)?;
            Ok(Site {
                name: r.get(1)?,
                organisation: r.get(2)?,
                latitude: r.get(3)?,
                longitude: r.get(4)?,
                services: offered.remove(&code).unwrap_or_default(),
                postcode: r.get(5)?,
                code,
            })
        },
    )?;
    let zones = all(
        conn,
        "SELECT code, name, latitude, longitude, population, imd_decile, households,
             households_without_car, sources
         FROM zones ORDER BY pos",
        |r| {
            let code: String = r.get(0)?;
            let sources: Option<String> = r.get(8)?;
            let sources = sources
                .map(|text| {
                    At {
                        table: "zones",
                        key: &code,
                    }
                    .json("sources", &text)
                })
                .transpose()?;
            Ok(Zone {
                name: r.get(1)?,
                latitude: r.get(2)?,
                longitude: r.get(3)?,
                population: r.get(4)?,
                imd_decile: r.get(5)?,
                households: r.get(6)?,
                households_without_car: r.get(7)?,
                sources,
                code,
            })
        },
    )?;

    let mut members = grouped(
        conn,
        "SELECT option, organisation FROM option_members ORDER BY option, pos",
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut site_services = grouped(
        conn,
        "SELECT option, site, service FROM option_site_services ORDER BY option, pos",
        |r| {
            Ok((
                r.get(0)?,
                SiteService {
                    site: r.get(1)?,
                    service: r.get(2)?,
                },
            ))
        },
    )?;
    let mut transfers = grouped(
        conn,
        "SELECT option, site, to_organisation, income_share, cost_share
         FROM option_site_transfers ORDER BY option, pos",
        |r| {
            Ok((
                r.get(0)?,
                SiteTransfer {
                    site: r.get(1)?,
                    to_organisation: r.get(2)?,
                    income_share: r.get(3)?,
                    cost_share: r.get(4)?,
                },
            ))
        },
    )?;
    let options = all(
        conn,
        "SELECT code, name, kind, description, finance FROM options ORDER BY pos",
        |r| {
            let code: String = r.get(0)?;
            let at = At {
                table: "options",
                key: &code,
            };
            Ok(AppraisalOption {
                name: r.get(1)?,
                kind: at.name("kind", r.get(2)?)?,
                description: r.get(3)?,
                finance: at.json("finance", &r.get::<_, String>(4)?)?,
                members: members.remove(&code).unwrap_or_default(),
                site_services: site_services.remove(&code).unwrap_or_default(),
                site_transfers: transfers.remove(&code).unwrap_or_default(),
                code,
            })
        },
    )?;

    let criteria = all(
        conn,
        "SELECT code, name, description, parent, weight, kind FROM criteria ORDER BY pos",
        |r| {
            let code: String = r.get(0)?;
            let kind = At {
                table: "criteria",
                key: &code,
            }
            .json("kind", &r.get::<_, String>(5)?)?;
            Ok(Criterion {
                name: r.get(1)?,
                description: r.get(2)?,
                parent: r.get(3)?,
                weight: r.get(4)?,
                kind,
                code,
            })
        },
    )?;
    let weightings = all(
        conn,
        "SELECT parent, method FROM weightings ORDER BY pos",
        |r| {
            let parent: Option<String> = r.get(0)?;
            let key = parent.clone().unwrap_or_else(|| "(top level)".to_owned());
            let method = At {
                table: "weightings",
                key: &key,
            }
            .json("method", &r.get::<_, String>(1)?)?;
            Ok(Weighting { parent, method })
        },
    )?;
    let weight_sets = all(
        conn,
        "SELECT code, name, description, weights FROM weight_sets ORDER BY pos",
        |r| {
            let code: String = r.get(0)?;
            let weights = At {
                table: "weight_sets",
                key: &code,
            }
            .json("weights", &r.get::<_, String>(3)?)?;
            Ok(WeightSet {
                name: r.get(1)?,
                description: r.get(2)?,
                weights,
                code,
            })
        },
    )?;
    let scorers = all(
        conn,
        "SELECT code, name, role FROM scorers ORDER BY pos",
        |r| {
            Ok(Scorer {
                code: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
            })
        },
    )?;
    let scores = all(
        conn,
        "SELECT option, criterion, scorer, value, rationale, evidence FROM scores ORDER BY pos",
        |r| {
            Ok(Score {
                option: r.get(0)?,
                criterion: r.get(1)?,
                scorer: r.get(2)?,
                value: r.get(3)?,
                rationale: r.get(4)?,
                evidence: r.get(5)?,
            })
        },
    )?;
    let performances = all(
        conn,
        "SELECT option, criterion, value, evidence, manual FROM performances ORDER BY pos",
        |r| {
            let option: String = r.get(0)?;
            let criterion: String = r.get(1)?;
            let key = format!("{option}/{criterion}");
            let value = At {
                table: "performances",
                key: &key,
            }
            .json("value", &r.get::<_, String>(2)?)?;
            Ok(Performance {
                option,
                criterion,
                value,
                evidence: r.get(3)?,
                manual: r.get(4)?,
            })
        },
    )?;
    let travel_matrix = match matrix {
        Matrix::Read => super::matrix::read(conn)?,
        Matrix::Left => TravelMatrix::default(),
    };
    let audit = all(conn, &format!("{AUDIT_COLUMNS} ORDER BY id"), |r| {
        Ok(audit_entry(r)?)
    })?;
    let exports = all(
        conn,
        "SELECT at, fingerprint, path FROM exports ORDER BY id",
        |r| {
            Ok(ExportRecord {
                at: r.get(0)?,
                fingerprint: r.get(1)?,
                path: r.get(2)?,
            })
        },
    )?;

    if let Some(stored) = sensitivity(conn)? {
        settings.sensitivity = stored;
    }
    Ok(Appraisal {
        meta,
        settings,
        organisations,
        sites,
        services,
        zones,
        options,
        criteria,
        weightings,
        weight_sets,
        scorers,
        scores,
        performances,
        travel_estimator,
        travel_matrix,
        audit,
        exports,
    })
}

/// The stored sensitivity settings; none in a file from before they were stored.
fn sensitivity(conn: &Connection) -> Result<Option<SensitivitySettings>, ReadError> {
    let at = At {
        table: "sensitivity",
        key: "1",
    };
    let row = all(
        conn,
        "SELECT tornado_share, samples, seed, weights, weight_share, scores, confidence_samples,
             draw, stream
         FROM sensitivity WHERE id = 1",
        |r| {
            Ok((
                (
                    r.get::<_, f64>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, i64>(2)?,
                ),
                (r.get::<_, String>(3)?, r.get::<_, Option<f64>>(4)?),
                (
                    r.get::<_, String>(5)?,
                    r.get::<_, u32>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ),
            ))
        },
    )?;
    let Some((
        (tornado_share, samples, seed),
        (kind, share),
        (scores, confidence_samples, draw, stream),
    )) = row.into_iter().next()
    else {
        return Ok(None);
    };
    let weights = weight_model(
        conn,
        &at,
        &kind,
        share,
        "SELECT criterion, min, max FROM sensitivity_weight_bounds ORDER BY pos",
        "SELECT criterion FROM sensitivity_ranking ORDER BY pos",
        [],
    )?;
    let groups = all(
        conn,
        "SELECT pos, grp, weights, weight_share FROM sensitivity_groups ORDER BY pos",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<f64>>(3)?,
            ))
        },
    )?
    .into_iter()
    .map(|(pos, group, kind, share)| {
        let key = pos.to_string();
        let at = At {
            table: "sensitivity_groups",
            key: &key,
        };
        let weights = weight_model(
            conn,
            &at,
            &kind,
            share,
            "SELECT criterion, min, max FROM sensitivity_group_bounds WHERE grp = ?1 ORDER BY pos",
            "SELECT criterion FROM sensitivity_group_ranking WHERE grp = ?1 ORDER BY pos",
            [pos],
        )?;
        Ok(GroupWeights { group, weights })
    })
    .collect::<Result<Vec<_>, ReadError>>()?;
    Ok(Some(SensitivitySettings {
        tornado_share,
        samples,
        // Stored bit for bit in SQLite's signed integer.
        seed: seed as u64,
        draw: at.name("draw", draw)?,
        weights,
        groups,
        scores: at.name("scores", scores)?,
        confidence_samples,
        stream: at.name("stream", stream)?,
    }))
}

/// A weight model from its kind and share columns and its bounds or ranking rows (`key` picks
/// a group's rows).
fn weight_model<P: rusqlite::Params + Copy>(
    conn: &Connection,
    at: &At,
    kind: &str,
    share: Option<f64>,
    bounds_sql: &str,
    ranking_sql: &str,
    key: P,
) -> Result<WeightModel, ReadError> {
    Ok(match (kind, share) {
        ("uniform", _) => WeightModel::Uniform,
        ("around_base", Some(share)) => WeightModel::AroundBase { share },
        ("bounds", _) => WeightModel::Bounds {
            bounds: all_with(conn, bounds_sql, key, |r| {
                Ok(WeightBound {
                    criterion: r.get(0)?,
                    min: r.get(1)?,
                    max: r.get(2)?,
                })
            })?,
        },
        ("ranking", _) => WeightModel::Ranking {
            ranking: all_with(conn, ranking_sql, key, |r| Ok(r.get(0)?))?,
        },
        (other, _) => {
            return Err(ReadError::Field {
                table: at.table,
                key: at.key.to_owned(),
                field: "weights",
                detail: format!("unknown weight model '{other}' or a missing weight_share"),
            });
        }
    })
}
