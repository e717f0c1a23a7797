//! Command-line parsing and dispatch. Each command lives in its own module.

/// `print!` to standard output through [`output::write`], so `appraise ... | head` ends quietly.
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::output::write(format_args!($($arg)*)) };
}

/// `println!` to standard output through [`output::write`].
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::output::write(format_args!("{}\n", format_args!($($arg)*))) };
}

mod finance;
mod output;
mod report;
mod roads;
mod score;
mod sensitivity;
mod sheets;
mod show;
mod sites;
mod transit;
mod travel;
mod workshop;
mod zones;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use appraise::evaluation::{AnalysisError, Evaluation};
use appraise::finance::FinanceError;
use appraise::model::SensitivitySettings;
use appraise::score::ScoreError;
use appraise::sensitivity::{
    self as robustness, DrawStream, ScoreModel, SensitivityError, WeightDraw, WeightModel,
};
use appraise::store::{self, StoreError};
use appraise::textform::{self, TextformError};
use appraise::travel::{self as access, TravelError, import::ImportError};
use appraise::validate::Severity;

#[derive(Debug, Parser)]
#[command(
    name = "appraise",
    version,
    about = "Appraise merger and ICO options for NHS trusts"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write the built-in illustrative demo appraisal to a new file.
    Demo {
        out: PathBuf,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Summarise an appraisal: organisations, sites, options.
    Show {
        file: PathBuf,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Score and rank the options: totals, group points, hurdles and the preferred option.
    Score {
        file: PathBuf,
        /// Print the full results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Test the ranking's robustness: weight switch points, tornado, weight sets and SMAA-2.
    Sensitivity {
        file: PathBuf,
        /// Print the full results as JSON.
        #[arg(long)]
        json: bool,
        /// SMAA draws (at least 1); default: the appraisal's stored setting.
        #[arg(long)]
        samples: Option<u32>,
        /// Seed of the SMAA draws: the same seed gives the same results; default: stored.
        #[arg(long)]
        seed: Option<u64>,
        /// How SMAA draws weights: flat over the leaves or level by level down the criteria
        /// tree; default: stored.
        #[arg(long, value_enum)]
        draw: Option<Draw>,
        /// What SMAA assumes about the weights (the leaves' when flat, the top level's level
        /// by level); default: stored.
        #[arg(long, value_enum)]
        weights: Option<Weights>,
        /// How SMAA draws the panel's scores; default: stored.
        #[arg(long, value_enum)]
        scores: Option<Scores>,
        /// Score draws per confidence factor (at least 1); default: stored.
        #[arg(long)]
        confidence_samples: Option<u32>,
        /// How the seed becomes draws; default: stored (new appraisals: blocks).
        #[arg(long, value_enum)]
        stream: Option<Stream>,
    },
    /// Project each option's finances: surplus, margin, liquidity, regulators' ratings, NPV.
    Finance {
        file: PathBuf,
        /// Print the full results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export the board pack: a typeset PDF of the appraisal, recorded in the file.
    Report {
        file: PathBuf,
        /// Where to write the PDF.
        #[arg(short, long)]
        out: PathBuf,
        /// DRAFT or FINAL on the cover (default: the appraisal's own status).
        #[arg(long, value_enum)]
        status: Option<report::PackStatus>,
    },
    /// List every problem in an appraisal; exits 1 if any is an error.
    Validate {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Travel to the nearest site offering each service, per option and mode, and who bears
    /// the change by IMD quintile.
    Travel {
        file: PathBuf,
        /// Print the full results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Replace an appraisal's travel matrix with a CSV of zone,site,mode,minutes
    /// (mode: car, public_transport or pt); nothing is written unless every row is good. A
    /// file with a header and no rows is refused unless --clear is given.
    ImportMatrix {
        file: PathBuf,
        matrix: PathBuf,
        /// Clear the matrix when the file has no rows (otherwise such a file is refused).
        #[arg(long)]
        clear: bool,
    },
    /// Compute every zone's road travel time to every site from an OpenStreetMap extract
    /// (.osm.pbf, offline) by off-peak car, peak car and blue light, and store them as the
    /// travel matrix's car, peak car and blue-light times, keeping the other modes' times;
    /// nothing is written unless every zone and site is joined to a road. Car time = drive x
    /// (1 + junction allowance) + parking allowance; blue light = share x off-peak drive x
    /// (1 + junction allowance).
    Roads {
        file: PathBuf,
        /// The OpenStreetMap extract (e.g. england-latest.osm.pbf from Geofabrik).
        pbf: PathBuf,
        /// The road modes to compute and store, comma-separated (default all three).
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            default_values_t = roads::Mode::ALL
        )]
        modes: Vec<roads::Mode>,
        /// Speed of the straight leg joining a zone centroid or site to its nearest road, km/h
        /// (each of these four flags overrides the appraisal's `settings.roads` for this run;
        /// defaults 15 km/h, 2000 m, 0.15 and 160 s).
        #[arg(long)]
        join_speed_kmh: Option<f64>,
        /// Zones or sites farther than this from any road are an error (metres).
        #[arg(long)]
        max_join_m: Option<f64>,
        /// Share added to drive times for junctions (0.15 = +15%, Sport England).
        #[arg(long)]
        junction_allowance: Option<f64>,
        /// Seconds added to car times for parking (Sport England: 160).
        #[arg(long)]
        parking_seconds: Option<f64>,
        /// Print what was done as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Compute every zone's public transport time to every site from GTFS timetables (zips or
    /// folders, offline; several feeds at once) and store them as the travel matrix's public
    /// transport times, keeping the other modes' times: the median journey time over the
    /// window's departure minutes on the date (round-based RAPTOR); nothing is written on any
    /// error.
    Transit {
        file: PathBuf,
        /// The GTFS feeds (.zip or a folder of .txt files).
        #[arg(required = true, num_args = 1..)]
        feeds: Vec<PathBuf>,
        /// The date the timetables are read for, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// The departure minutes, HH:MM-HH:MM (the end is not a departure), e.g. 07:00-09:00.
        #[arg(long)]
        window: String,
        /// Walking speed, km/h (each of these flags overrides the appraisal's
        /// `settings.transit` for this run; defaults 4.8 km/h, 800 m, 400 m, 3 changes, 1.3,
        /// 180 min).
        #[arg(long)]
        walk_speed_kmh: Option<f64>,
        /// Longest walk to the first stop, from the last, or the whole way (metres along
        /// streets).
        #[arg(long)]
        max_walk_m: Option<f64>,
        /// Longest walk between stops for a change (metres along streets).
        #[arg(long)]
        transfer_m: Option<f64>,
        /// Most changes of vehicle in one journey.
        #[arg(long)]
        max_transfers: Option<u32>,
        /// Street distance over straight-line distance for walks.
        #[arg(long)]
        detour_factor: Option<f64>,
        /// Journeys longer than this (minutes) do not count.
        #[arg(long)]
        max_journey_minutes: Option<f64>,
        /// Print what was done as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the Excel template (a sheet per kind of data, with notes and validation), or with
    /// --from, the template filled with an appraisal's data.
    Template {
        out: PathBuf,
        /// Fill the template with this appraisal's data.
        #[arg(long)]
        from: Option<PathBuf>,
    },
    /// Import every recognised sheet of a workbook into an appraisal; nothing is written
    /// unless every row is good, and every problem is listed by sheet, row and column.
    ImportXlsx { file: PathBuf, xlsx: PathBuf },
    /// Import one kind of data from CSV: organisations, baselines, services, sites, zones,
    /// options, optionsites, scorers, scores or travel.
    ImportCsv {
        file: PathBuf,
        kind: String,
        csv: PathBuf,
    },
    /// Write the results (ranking, criteria, values, finance, travel, the sites that stop
    /// offering a service, switch points, SMAA) to a workbook, a sheet each.
    ExportXlsx { file: PathBuf, out: PathBuf },
    /// Write a scoring workbook for each scorer (or those named) into OUT, a folder: every
    /// option on each panel-scored criterion with their score and rationale, and the scale.
    ScoringWorkbooks {
        file: PathBuf,
        out: PathBuf,
        /// Only these scorers' codes, separated by commas.
        #[arg(long, value_delimiter = ',')]
        scorers: Option<Vec<String>>,
    },
    /// Merge scorers' filled-in workbooks into an appraisal as one change. Refused, with
    /// nothing written, on a bad cell or while any conflict (a score changed in the appraisal
    /// since the workbook was exported, or two workbooks disagreeing) is unsettled.
    MergeScores {
        file: PathBuf,
        #[arg(required = true)]
        workbooks: Vec<PathBuf>,
        /// Settle every conflict with the workbook's value or the appraisal's.
        #[arg(long, value_enum)]
        take: Option<workshop::TakeAll>,
    },
    /// Write one results table as CSV: Ranking, Criteria, Values, Finance, Travel, LostSites,
    /// SwitchPoints or SMAA.
    ExportCsv {
        file: PathBuf,
        table: String,
        out: PathBuf,
    },
    /// Build or refresh the zones from the official files: ONS LSOA 2021 centroids, Census
    /// TS001 residents or the ONS mid-year estimates, the Indices of Deprivation (IoD2025;
    /// IoD2019 through the 2011-to-2021 lookup) and, with --cars, Census TS045 households and
    /// households without a car.
    ImportZones {
        file: PathBuf,
        /// ONS LSOA (Dec 2021) population-weighted centroids CSV.
        #[arg(long)]
        centroids: PathBuf,
        /// Census 2021 TS001 (usual residents) CSV, or the ONS mid-year LSOA estimates
        /// workbook (.xlsx; its latest year's sheet).
        #[arg(long)]
        population: PathBuf,
        /// Indices of Deprivation File 7, or File 1 (CSV or the published .xlsx).
        #[arg(long)]
        deprivation: PathBuf,
        /// Census 2021 TS045 (car or van availability) CSV.
        #[arg(long)]
        cars: Option<PathBuf>,
        /// ONS LSOA 2011 to 2021 lookup CSV (needed with IoD2019).
        #[arg(long)]
        lookup: Option<PathBuf>,
        /// Local authority district codes (E07000197,E07000192), Integrated Care Board codes
        /// (E54000050; needs --postcodes), or a distance of the appraisal's sites (25km).
        #[arg(long)]
        area: String,
        /// ONS postcode directory or NSPL CSV (either header generation; streamed): links
        /// LSOAs to ICBs, for an ICB area.
        #[arg(long)]
        postcodes: Option<PathBuf>,
    },
    /// Add or refresh hospital sites by ODS code: name, postcode and parent trust from the NHS
    /// ODS site list (ets.csv), latitude and longitude from the ONS postcode directory; the
    /// parent trust must be an organisation of the appraisal.
    ImportSites {
        file: PathBuf,
        /// NHS ODS site list (ets.csv, no header row; 27 quoted or 24 unquoted fields).
        #[arg(long)]
        ods: PathBuf,
        /// NHS ODS trust list (etr.csv): names the trusts, and matches organisations by name.
        #[arg(long)]
        trusts: Option<PathBuf>,
        /// ONS postcode directory or NSPL CSV (either header generation); streamed.
        #[arg(long)]
        postcodes: PathBuf,
        /// ODS site codes (RJE01,RJE48).
        #[arg(long)]
        codes: String,
    },
    /// Write an appraisal as JSON text.
    Export { file: PathBuf, out: PathBuf },
    /// Make an appraisal file from JSON text.
    Import {
        input: PathBuf,
        out: PathBuf,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// SMAA weight information on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Weights {
    /// No weight information: uniform on the simplex.
    Uniform,
    /// Within +/-50% of the appraisal's weights (or the stored share, if stored).
    AroundBase,
}

/// SMAA's weight draw on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Draw {
    /// Standard SMAA: over the weighted leaves' global weights, the tree aside.
    Flat,
    /// The top level's weights by the weight model, each group's by its own (stored) model or
    /// fixed; a leaf's weight is the product along its path.
    LevelByLevel,
}

/// How SMAA's seed becomes draws, on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Stream {
    /// One generator from the seed, each draw in turn: how every appraisal drew before blocks.
    Sequential,
    /// Blocks of 1,024 draws, each from its own stream of the seed's generator, on every core.
    Blocks,
}

/// SMAA score uncertainty on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Scores {
    /// Normal with the panel's mean and sd, truncated to the scale.
    Normal,
    /// Triangular from the panel's lowest score through its aggregate to its highest.
    Triangular,
    /// As scored.
    Fixed,
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Text(#[from] TextformError),
    #[error("{}: {source}", path.display())]
    Score { path: PathBuf, source: ScoreError },
    #[error("{}: {source}", path.display())]
    Sensitivity {
        path: PathBuf,
        source: SensitivityError,
    },
    #[error("{}: {source}", path.display())]
    Finance { path: PathBuf, source: FinanceError },
    #[error("{}: {source}", path.display())]
    Travel { path: PathBuf, source: TravelError },
    #[error(transparent)]
    ImportMatrix(#[from] ImportError),
    #[error(transparent)]
    Report(#[from] appraise::report::ReportError),
    #[error(transparent)]
    Roads(#[from] appraise::travel::roads::RoadsError),
    #[error(transparent)]
    Transit(#[from] appraise::travel::transit::TransitError),
    #[error(transparent)]
    Sheets(#[from] appraise::sheets::SheetError),
    #[error("{}: {reason}", path.display())]
    Results { path: PathBuf, reason: String },
    #[error("{}: {reason}", path.display())]
    Merge { path: PathBuf, reason: String },
    #[error(transparent)]
    Zones(#[from] appraise::public_data::zones::BuildError),
    #[error("{}: {source}", path.display())]
    ZonesApply {
        path: PathBuf,
        source: appraise::public_data::apply::ApplyError,
    },
    #[error(transparent)]
    Sites(#[from] appraise::public_data::sites::BuildError),
    #[error("{}: {source}", path.display())]
    SitesApply {
        path: PathBuf,
        source: appraise::public_data::sites::ApplyError,
    },
    #[error("{}: --area: {reason}", path.display())]
    Area { path: PathBuf, reason: String },
    #[error("cannot write to standard output: {0}")]
    Output(#[from] serde_json::Error),
}

/// Prints a command's result: as pretty JSON, or as the command's readable text.
fn emit<T: serde::Serialize>(
    json: bool,
    value: &T,
    render: fn(&T) -> String,
) -> Result<(), CliError> {
    if json {
        outln!("{}", serde_json::to_string_pretty(value)?);
    } else {
        out!("{}", render(value));
    }
    Ok(())
}

pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match cli.command {
        Command::Demo { out, force } => {
            let mut demo = appraise::demo::appraisal();
            demo.audit.push(store::audit_entry(
                "appraisal",
                None,
                Some("\"created from the built-in demo\"".to_owned()),
            ));
            if force {
                store::create_replacing(&out, &demo)?;
            } else {
                store::create(&out, &demo)?;
            }
            outln!("wrote the demo appraisal to {}", out.display());
        }
        Command::Show { file, json } => {
            let a = open(&file)?;
            let summary = appraise::summary::Summary::of(&a);
            emit(json, &summary, show::render)?;
        }
        Command::Score { file, json } => {
            let a = open(&file)?;
            let evaluation = Evaluation::of(&a);
            warn_engines(&file, &evaluation, true);
            let results = evaluation
                .score()
                .clone()
                .map_err(|source| CliError::Score {
                    path: file.clone(),
                    source,
                })?;
            emit(json, &results, score::render)?;
        }
        Command::Sensitivity {
            file,
            json,
            samples,
            seed,
            draw,
            weights,
            scores,
            confidence_samples,
            stream,
        } => {
            let a = open(&file)?;
            let evaluation = Evaluation::of(&a);
            warn_engines(&file, &evaluation, false);
            let settings = robustness::Settings::from_model(&overridden(
                &a.settings.sensitivity,
                SensitivityFlags {
                    samples,
                    seed,
                    draw,
                    weights,
                    scores,
                    confidence_samples,
                    stream,
                },
            ));
            // The screen's and the pack's run: with no flags, the same figures as both.
            let report = evaluation
                .robustness_under(&a, &settings, &robustness::DrawProgress::default())
                .map_err(|e| match e {
                    AnalysisError::Score(source) => CliError::Score {
                        path: file.clone(),
                        source,
                    },
                    AnalysisError::Sensitivity(source) => CliError::Sensitivity {
                        path: file.clone(),
                        source,
                    },
                })?;
            emit(json, &report, sensitivity::render)?;
        }
        Command::Finance { file, json } => {
            let a = open(&file)?;
            let results =
                Evaluation::of(&a)
                    .finance()
                    .clone()
                    .map_err(|source| CliError::Finance {
                        path: file.clone(),
                        source,
                    })?;
            emit(json, &results, finance::render)?;
        }
        Command::Travel { file, json } => {
            let a = open(&file)?;
            let results =
                Evaluation::of(&a)
                    .travel()
                    .clone()
                    .map_err(|source| CliError::Travel {
                        path: file.clone(),
                        source,
                    })?;
            emit(json, &results, travel::render)?;
            if !json {
                out!("{}", travel::bases(a.travel_matrix.bases()));
                out!(
                    "{}",
                    travel::transit_basis(a.travel_matrix.transit().map(|t| t.basis()))
                );
            }
        }
        Command::ImportMatrix {
            file,
            matrix,
            clear,
        } => {
            let no_rows = if clear {
                access::import::NoRows::Clear
            } else {
                access::import::NoRows::Refuse
            };
            let imported = access::import::import_matrix_with(&file, &matrix, no_rows)?;
            let modes: Vec<&str> = imported.modes.iter().map(|m| m.label()).collect();
            outln!(
                "imported {} rows from {} into {} ({} zones x {} sites; modes: {}){}",
                imported.rows,
                matrix.display(),
                file.display(),
                imported.zones,
                imported.sites,
                if modes.is_empty() {
                    "none".to_owned()
                } else {
                    modes.join(", ")
                },
                if imported.audit.is_some() {
                    ""
                } else {
                    "; the matrix was unchanged"
                }
            );
        }
        Command::Roads {
            file,
            pbf,
            modes,
            join_speed_kmh,
            max_join_m,
            junction_allowance,
            parking_seconds,
            json,
        } => {
            let flags = move |stored: access::roads::RoadSettings| access::roads::RoadSettings {
                join_speed_kmh: join_speed_kmh.unwrap_or(stored.join_speed_kmh),
                max_join_m: max_join_m.unwrap_or(stored.max_join_m),
                junction_allowance: junction_allowance.unwrap_or(stored.junction_allowance),
                parking_seconds: parking_seconds.unwrap_or(stored.parking_seconds),
                ..stored
            };
            let stored = roads::run(&file, &pbf, flags, &modes)?;
            if !stored.unplaced.is_empty() {
                eprintln!(
                    "appraise: warning: {}: no latitude and longitude, so no road times (the estimate fills them): {}",
                    file.display(),
                    stored.unplaced.join(", ")
                );
            }
            if json {
                outln!("{}", serde_json::to_string_pretty(&stored)?);
            } else {
                out!("{}", roads::render(&file, &pbf, &stored));
            }
        }
        Command::Transit {
            file,
            feeds,
            date,
            window,
            walk_speed_kmh,
            max_walk_m,
            transfer_m,
            max_transfers,
            detour_factor,
            max_journey_minutes,
            json,
        } => {
            let flags =
                move |stored: access::transit::TransitSettings| access::transit::TransitSettings {
                    walk_speed_kmh: walk_speed_kmh.unwrap_or(stored.walk_speed_kmh),
                    max_walk_m: max_walk_m.unwrap_or(stored.max_walk_m),
                    transfer_m: transfer_m.unwrap_or(stored.transfer_m),
                    max_transfers: max_transfers.unwrap_or(stored.max_transfers),
                    detour_factor: detour_factor.unwrap_or(stored.detour_factor),
                    max_journey_minutes: max_journey_minutes.unwrap_or(stored.max_journey_minutes),
                };
            let stored = transit::run(&file, &feeds, &date, &window, flags)?;
            if !stored.unplaced.is_empty() {
                eprintln!(
                    "appraise: warning: {}: no latitude and longitude, so no public transport times (the estimate fills them): {}",
                    file.display(),
                    stored.unplaced.join(", ")
                );
            }
            if json {
                outln!("{}", serde_json::to_string_pretty(&stored)?);
            } else {
                out!("{}", transit::render(&file, &stored));
            }
        }
        Command::Template { out, from } => sheets::template(&out, from.as_deref())?,
        Command::ImportXlsx { file, xlsx } => sheets::import_xlsx(&file, &xlsx)?,
        Command::ImportCsv { file, kind, csv } => sheets::import_csv(&file, &kind, &csv)?,
        Command::ExportXlsx { file, out } => sheets::export_xlsx(&file, &out)?,
        Command::ExportCsv { file, table, out } => sheets::export_csv(&file, &table, &out)?,
        Command::ScoringWorkbooks { file, out, scorers } => {
            workshop::scoring_workbooks(&file, &out, scorers.as_deref())?
        }
        Command::MergeScores {
            file,
            workbooks,
            take,
        } => workshop::merge_scores(&file, &workbooks, take)?,
        Command::Report { file, out, status } => {
            let outcome = report::run(&file, &out, status)?;
            out!("{}", report::render(&outcome));
        }
        Command::Validate { file, json } => {
            let a = open(&file)?;
            let problems = Evaluation::of(&a).problems().to_vec();
            if json {
                outln!("{}", serde_json::to_string_pretty(&problems)?);
            } else if problems.is_empty() {
                outln!("{}: no problems", file.display());
            } else {
                for p in &problems {
                    let label = match p.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    };
                    outln!("{label}: {p}");
                }
            }
            let errors = problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
                .count();
            if errors > 0 {
                eprintln!("appraise: {} has {errors} errors", file.display());
                return Ok(ExitCode::from(1));
            }
        }
        Command::ImportZones {
            file,
            centroids,
            population,
            deprivation,
            cars,
            lookup,
            area,
            postcodes,
        } => {
            let files = appraise::public_data::zones::ZoneFiles {
                centroids: &centroids,
                population: &population,
                deprivation: &deprivation,
                cars: cars.as_deref(),
                lookup: lookup.as_deref(),
                postcodes: postcodes.as_deref(),
            };
            let changes = zones::run(&file, &files, &area)?;
            out!("{}", zones::render(&file, &changes));
        }
        Command::ImportSites {
            file,
            ods,
            trusts,
            postcodes,
            codes,
        } => {
            let files = sites::Files {
                ods,
                trusts,
                postcodes,
            };
            let imported = sites::run(&file, &files, &codes)?;
            for w in &imported.warnings {
                eprintln!("appraise: warning: {w}");
            }
            out!("{}", sites::render(&file, &imported.changes));
        }
        Command::Export { file, out } => {
            let a = open(&file)?;
            textform::write(&a, &out)?;
            outln!("wrote {}", out.display());
        }
        Command::Import { input, out, force } => {
            let a = textform::read(&input)?;
            if force {
                store::create_replacing(&out, &a)?;
            } else {
                store::create(&out, &a)?;
            }
            outln!("wrote {}", out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens an appraisal, telling the user on standard error what they should know about the
/// file (an interrupted save undone, objects another program added).
/// Warns on standard error that an engine the scores draw figures from could not run, so its
/// criteria fell back to hand-entered values.
fn warn_engines(file: &std::path::Path, evaluation: &Evaluation, travel: bool) {
    if let Err(e) = evaluation.finance() {
        eprintln!(
            "appraise: warning: {}: the viability model could not run ({e}); finance criteria use hand-entered values",
            file.display()
        );
    }
    if travel && let Err(e) = evaluation.travel() {
        eprintln!(
            "appraise: warning: {}: the travel engine could not run ({e}); travel criteria use hand-entered values",
            file.display()
        );
    }
}

fn open(file: &std::path::Path) -> Result<appraise::model::Appraisal, CliError> {
    let opened = store::open_reporting(file)?;
    for notice in &opened.notices {
        eprintln!("appraise: {}: {notice}", file.display());
    }
    Ok(opened.appraisal)
}

/// The `appraise sensitivity` flags that override the appraisal's stored settings.
struct SensitivityFlags {
    samples: Option<u32>,
    seed: Option<u64>,
    draw: Option<Draw>,
    weights: Option<Weights>,
    scores: Option<Scores>,
    confidence_samples: Option<u32>,
    stream: Option<Stream>,
}

/// The stored sensitivity settings with the flags given on the command line put over them.
fn overridden(stored: &SensitivitySettings, flags: SensitivityFlags) -> SensitivitySettings {
    let weights = match (flags.weights, &stored.weights) {
        (None, stored) => stored.clone(),
        (Some(Weights::Uniform), _) => WeightModel::Uniform,
        (Some(Weights::AroundBase), WeightModel::AroundBase { share }) => {
            WeightModel::AroundBase { share: *share }
        }
        (Some(Weights::AroundBase), _) => WeightModel::AroundBase { share: 0.5 },
    };
    SensitivitySettings {
        samples: flags.samples.unwrap_or(stored.samples),
        seed: flags.seed.unwrap_or(stored.seed),
        draw: flags.draw.map_or(stored.draw, |d| match d {
            Draw::Flat => WeightDraw::Flat,
            Draw::LevelByLevel => WeightDraw::LevelByLevel,
        }),
        weights,
        scores: flags.scores.map_or(stored.scores, |s| match s {
            Scores::Normal => ScoreModel::Normal,
            Scores::Triangular => ScoreModel::Triangular,
            Scores::Fixed => ScoreModel::Fixed,
        }),
        confidence_samples: flags
            .confidence_samples
            .unwrap_or(stored.confidence_samples),
        stream: flags.stream.map_or(stored.stream, |s| match s {
            Stream::Sequential => DrawStream::Sequential,
            Stream::Blocks => DrawStream::Blocks,
        }),
        ..stored.clone()
    }
}
