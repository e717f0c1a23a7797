//! The typst world the pack compiles in: everything in memory (the generated source, the
//! chart SVGs, the embedded fonts) and a fixed date (the export time), so the same appraisal
//! exported at the same time gives the same PDF, and nothing is read from the machine.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::charts::font;

/// The main file's path in the world.
const MAIN: &str = "/pack.typ";

/// Fonts and the standard library, built once per process: both are immutable.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts = font::parsed().to_vec();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// A file's id in the world, from its absolute virtual path (e.g. `/charts/totals.svg`).
pub fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path)
        .ok()
        .map(|v| RootedPath::new(VirtualRoot::Project, v).intern())
}

pub struct PackWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl PackWorld {
    /// `files` maps absolute virtual paths (`/charts/x.svg`) to their bytes.
    /// None only if a built-in path were invalid.
    pub fn new(
        source: String,
        files: Vec<(String, Vec<u8>)>,
        today: Option<Datetime>,
    ) -> Option<Self> {
        let main_id = file_id(MAIN)?;
        Some(PackWorld {
            main: Source::new(main_id, source),
            files: files
                .into_iter()
                .filter_map(|(path, bytes)| file_id(&path).map(|id| (id, Bytes::new(bytes))))
                .collect(),
            today,
        })
    }
}

impl World for PackWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::Other(Some("no such file in the pack".into())))
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
