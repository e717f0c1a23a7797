//! Writing a whole appraisal into the file's tables, inside the caller's transaction.

use rusqlite::{Transaction, params};
use serde::Serialize;

use crate::model::{Appraisal, AuditEntry, ExportRecord, Settings, WeightModel};

/// Tables rewritten on every save, children first. `audit` and `exports` are append-only; the
/// travel matrix is rewritten only when it changed (see `super::matrix`).
const CONTENT_TABLES: &[&str] = &[
    "performances",
    "scores",
    "scorers",
    "weight_sets",
    "weightings",
    "criteria",
    "option_site_transfers",
    "option_site_services",
    "option_members",
    "options",
    "zones",
    "site_services",
    "sites",
    "service_thresholds",
    "services",
    "financial_years",
    "organisations",
    "discount_bands",
    "sensitivity_group_ranking",
    "sensitivity_group_bounds",
    "sensitivity_groups",
    "sensitivity_ranking",
    "sensitivity_weight_bounds",
    "sensitivity",
    "meta",
];

/// The serde name of a unit enum variant (`OrgKind::AcuteTrust` -> `acute_trust`).
pub(super) fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

fn json<T: Serialize>(value: &T) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// The settings column: everything but the sensitivity settings, which have their own tables.
fn settings_json(settings: &Settings) -> rusqlite::Result<String> {
    let mut value = serde_json::to_value(settings)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    if let serde_json::Value::Object(fields) = &mut value {
        fields.remove("sensitivity");
    }
    Ok(value.to_string())
}

fn sensitivity(tx: &Transaction, settings: &Settings) -> rusqlite::Result<()> {
    let s = &settings.sensitivity;
    tx.execute(
        "INSERT INTO sensitivity (id, tornado_share, samples, seed, weights, weight_share, scores,
             confidence_samples, draw, stream)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            s.tornado_share,
            s.samples,
            // Bit for bit: SQLite integers are signed.
            s.seed as i64,
            s.weights.name(),
            share(&s.weights),
            name_of(&s.scores),
            s.confidence_samples,
            name_of(&s.draw),
            name_of(&s.stream),
        ],
    )?;
    model_details(
        tx,
        &s.weights,
        "INSERT INTO sensitivity_weight_bounds (pos, criterion, min, max) VALUES (?1, ?2, ?3, ?4)",
        "INSERT INTO sensitivity_ranking (pos, criterion) VALUES (?1, ?2)",
        &[],
    )?;
    for (pos, g) in s.groups.iter().enumerate() {
        let pos = pos as i64;
        tx.execute(
            "INSERT INTO sensitivity_groups (pos, grp, weights, weight_share)
             VALUES (?1, ?2, ?3, ?4)",
            params![pos, g.group, g.weights.name(), share(&g.weights)],
        )?;
        model_details(
            tx,
            &g.weights,
            "INSERT INTO sensitivity_group_bounds (pos, criterion, min, max, grp)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            "INSERT INTO sensitivity_group_ranking (pos, criterion, grp) VALUES (?1, ?2, ?3)",
            &[&pos],
        )?;
    }
    Ok(())
}

/// The band of an `around_base` model, the column `weight_share`.
fn share(model: &WeightModel) -> Option<f64> {
    match model {
        WeightModel::AroundBase { share } => Some(*share),
        _ => None,
    }
}

/// A weight model's bounds or ranking into their table, with `key` after each row's own
/// parameters (the group's row, for a group's model).
fn model_details(
    tx: &Transaction,
    model: &WeightModel,
    bounds_sql: &str,
    ranking_sql: &str,
    key: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<()> {
    match model {
        WeightModel::Bounds { bounds } => {
            let mut stmt = tx.prepare(bounds_sql)?;
            for (pos, b) in bounds.iter().enumerate() {
                let pos = pos as i64;
                let row: [&dyn rusqlite::ToSql; 4] = [&pos, &b.criterion, &b.min, &b.max];
                stmt.execute(rusqlite::params_from_iter(row.iter().chain(key)))?;
            }
        }
        WeightModel::Ranking { ranking } => {
            let mut stmt = tx.prepare(ranking_sql)?;
            for (pos, criterion) in ranking.iter().enumerate() {
                let pos = pos as i64;
                let row: [&dyn rusqlite::ToSql; 2] = [&pos, criterion];
                stmt.execute(rusqlite::params_from_iter(row.iter().chain(key)))?;
            }
        }
        WeightModel::Uniform | WeightModel::AroundBase { .. } => {}
    }
    Ok(())
}

/// Replaces the file's content with `a`. Runs inside `tx` with foreign keys deferred, so the
/// whole save commits or none of it does.
pub fn replace_content(tx: &Transaction, a: &Appraisal) -> rusqlite::Result<()> {
    tx.execute_batch("PRAGMA defer_foreign_keys = ON;")?;
    for table in CONTENT_TABLES {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    let m = &a.meta;
    tx.execute(
        "INSERT INTO meta (id, title, health_economy, author, status, base_year, horizon_years,
             illustrative, description, settings, travel_estimator)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            m.title,
            m.health_economy,
            m.author,
            name_of(&m.status),
            m.base_year,
            m.horizon_years,
            m.illustrative,
            m.description,
            settings_json(&a.settings)?,
            json(&a.travel_estimator)?,
        ],
    )?;
    sensitivity(tx, &a.settings)?;
    let mut stmt = tx.prepare(
        "INSERT INTO discount_bands (pos, from_year, to_year, rate) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (pos, b) in m.discount.bands.iter().enumerate() {
        stmt.execute(params![pos as i64, b.from_year, b.to_year, b.rate])?;
    }

    let mut org = tx.prepare(
        "INSERT INTO organisations (code, pos, name, kind, cqc_rating, projection)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut year = tx.prepare(
        "INSERT INTO financial_years (organisation, year, pos, operating_income, pay, non_pay,
             depreciation, pdc_dividend, interest_payable, interest_receivable,
             loan_principal_repaid, capital_expenditure, cash, current_assets, current_liabilities,
             working_capital_facility, planned_surplus, agency_spend, agency_cap)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    for (pos, o) in a.organisations.iter().enumerate() {
        org.execute(params![
            o.code,
            pos as i64,
            o.name,
            name_of(&o.kind),
            o.cqc_rating.as_ref().map(name_of),
            json(&o.projection)?,
        ])?;
        for (pos, y) in o.baseline.iter().enumerate() {
            year.execute(params![
                o.code,
                y.year,
                pos as i64,
                y.operating_income,
                y.pay,
                y.non_pay,
                y.depreciation,
                y.pdc_dividend,
                y.interest_payable,
                y.interest_receivable,
                y.loan_principal_repaid,
                y.capital_expenditure,
                y.cash,
                y.current_assets,
                y.current_liabilities,
                y.working_capital_facility,
                y.planned_surplus,
                y.agency_spend,
                y.agency_cap,
            ])?;
        }
    }

    let mut service = tx.prepare("INSERT INTO services (code, pos, name) VALUES (?1, ?2, ?3)")?;
    let mut threshold = tx.prepare(
        "INSERT INTO service_thresholds (service, mode, pos, minutes) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (pos, s) in a.services.iter().enumerate() {
        service.execute(params![s.code, pos as i64, s.name])?;
        for (pos, t) in s.thresholds.iter().enumerate() {
            threshold.execute(params![s.code, name_of(&t.mode), pos as i64, t.minutes])?;
        }
    }

    let mut site = tx.prepare(
        "INSERT INTO sites (code, pos, name, organisation, latitude, longitude, postcode)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut offered =
        tx.prepare("INSERT INTO site_services (site, service, pos) VALUES (?1, ?2, ?3)")?;
    for (pos, s) in a.sites.iter().enumerate() {
        site.execute(params![
            s.code,
            pos as i64,
            s.name,
            s.organisation,
            s.latitude,
            s.longitude,
            s.postcode
        ])?;
        for (pos, service) in s.services.iter().enumerate() {
            offered.execute(params![s.code, service, pos as i64])?;
        }
    }

    let mut zone = tx.prepare(
        "INSERT INTO zones (code, pos, name, latitude, longitude, population, imd_decile,
             households, households_without_car, sources)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (pos, z) in a.zones.iter().enumerate() {
        zone.execute(params![
            z.code,
            pos as i64,
            z.name,
            z.latitude,
            z.longitude,
            z.population,
            z.imd_decile,
            z.households,
            z.households_without_car,
            z.sources.as_ref().map(json).transpose()?,
        ])?;
    }

    let mut option = tx.prepare(
        "INSERT INTO options (code, pos, name, kind, description, finance)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut member =
        tx.prepare("INSERT INTO option_members (option, organisation, pos) VALUES (?1, ?2, ?3)")?;
    let mut configured = tx.prepare(
        "INSERT INTO option_site_services (option, site, service, pos) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut transfer = tx.prepare(
        "INSERT INTO option_site_transfers (option, site, to_organisation, pos, income_share,
             cost_share)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (pos, o) in a.options.iter().enumerate() {
        option.execute(params![
            o.code,
            pos as i64,
            o.name,
            name_of(&o.kind),
            o.description,
            json(&o.finance)?
        ])?;
        for (pos, m) in o.members.iter().enumerate() {
            member.execute(params![o.code, m, pos as i64])?;
        }
        for (pos, ss) in o.site_services.iter().enumerate() {
            configured.execute(params![o.code, ss.site, ss.service, pos as i64])?;
        }
        for (pos, t) in o.site_transfers.iter().enumerate() {
            transfer.execute(params![
                o.code,
                t.site,
                t.to_organisation,
                pos as i64,
                t.income_share,
                t.cost_share
            ])?;
        }
    }

    let mut criterion = tx.prepare(
        "INSERT INTO criteria (code, pos, name, description, parent, weight, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (pos, c) in a.criteria.iter().enumerate() {
        criterion.execute(params![
            c.code,
            pos as i64,
            c.name,
            c.description,
            c.parent,
            c.weight,
            json(&c.kind)?
        ])?;
    }
    let mut weighting =
        tx.prepare("INSERT INTO weightings (pos, parent, method) VALUES (?1, ?2, ?3)")?;
    for (pos, w) in a.weightings.iter().enumerate() {
        weighting.execute(params![pos as i64, w.parent, json(&w.method)?])?;
    }
    let mut set = tx.prepare(
        "INSERT INTO weight_sets (code, pos, name, description, weights) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (pos, s) in a.weight_sets.iter().enumerate() {
        set.execute(params![
            s.code,
            pos as i64,
            s.name,
            s.description,
            json(&s.weights)?
        ])?;
    }

    let mut scorer =
        tx.prepare("INSERT INTO scorers (code, pos, name, role) VALUES (?1, ?2, ?3, ?4)")?;
    for (pos, s) in a.scorers.iter().enumerate() {
        scorer.execute(params![s.code, pos as i64, s.name, s.role])?;
    }
    let mut score = tx.prepare(
        "INSERT INTO scores (option, criterion, scorer, pos, value, rationale, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (pos, s) in a.scores.iter().enumerate() {
        score.execute(params![
            s.option,
            s.criterion,
            s.scorer,
            pos as i64,
            s.value,
            s.rationale,
            s.evidence
        ])?;
    }
    let mut performance = tx.prepare(
        "INSERT INTO performances (option, criterion, pos, value, evidence, manual)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (pos, p) in a.performances.iter().enumerate() {
        performance.execute(params![
            p.option,
            p.criterion,
            pos as i64,
            json(&p.value)?,
            p.evidence,
            p.manual
        ])?;
    }

    Ok(())
}

pub fn append_audit(tx: &Transaction, entries: &[AuditEntry]) -> rusqlite::Result<()> {
    let mut stmt =
        tx.prepare("INSERT INTO audit (at, who, what, old, new) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for e in entries {
        stmt.execute(params![e.at, e.who, e.what, e.old, e.new])?;
    }
    Ok(())
}

pub fn append_exports(tx: &Transaction, records: &[ExportRecord]) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare("INSERT INTO exports (at, fingerprint, path) VALUES (?1, ?2, ?3)")?;
    for r in records {
        stmt.execute(params![r.at, r.fingerprint, r.path])?;
    }
    Ok(())
}
