//! Undo and redo by snapshots of the appraisal taken before each edit.
//!
//! Snapshots leave out what no edit changes and what can be large: the travel matrix (up to
//! ~84 MB at national scale), the zones (tens of thousands) and the append-only audit and export
//! records (which saving, not editing, extends). Every snapshot shares the document's one copy of
//! those, so a step costs only the rest of the model (kilobytes for a typical appraisal). An
//! edit of one zone keeps a copy of that zone alone.

use crate::model::{Appraisal, AuditEntry, ExportRecord, TravelMatrix, Zone};

/// How many edits can be undone; older steps are forgotten.
pub const DEPTH: usize = 200;

/// One undoable step: the model as it was, without its travel matrix, and what the edit was.
#[derive(Debug, Clone)]
struct Step {
    before: Appraisal,
    label: String,
    /// The zones and travel matrix as they were, for the rare step that changes them (a
    /// spreadsheet import); ordinary edits share the document's one copy.
    places: Option<Places>,
    /// The one zone an edit changes, as it was (a zone edit).
    zone: Option<ZoneSlot>,
}

/// One zone and where it stood in the list, or that there was no zone of that code: enough to
/// undo an edit of a single zone without copying the whole list.
#[derive(Debug, Clone, PartialEq)]
struct ZoneSlot {
    code: String,
    held: Option<(usize, Zone)>,
}

impl ZoneSlot {
    fn of(a: &Appraisal, code: &str) -> ZoneSlot {
        ZoneSlot {
            code: code.to_owned(),
            held: a
                .zones
                .iter()
                .position(|z| z.code == code)
                .map(|i| (i, a.zones[i].clone())),
        }
    }

    /// Puts this slot's zone (or its absence) in `a`, returning the slot replaced.
    fn swap(self, a: &mut Appraisal) -> ZoneSlot {
        let now = ZoneSlot::of(a, &self.code);
        match (self.held, &now.held) {
            (Some((_, zone)), Some((at, _))) => a.zones[*at] = zone,
            (Some((at, zone)), None) => a.zones.insert(at.min(a.zones.len()), zone),
            (None, Some((at, _))) => {
                a.zones.remove(*at);
            }
            (None, None) => {}
        }
        now
    }
}

/// Zones and travel matrix kept by a step that replaces them.
#[derive(Debug, Clone)]
struct Places {
    zones: Vec<Zone>,
    /// None for a step that leaves the matrix alone (zones built from the official files), so
    /// a national matrix is not copied for it.
    travel_matrix: Option<TravelMatrix>,
}

impl Places {
    fn of(a: &Appraisal) -> Places {
        Places {
            zones: a.zones.clone(),
            travel_matrix: Some(a.travel_matrix.clone()),
        }
    }

    /// Puts these places in `a`, returning the ones replaced.
    fn swap(self, a: &mut Appraisal) -> Places {
        Places {
            zones: std::mem::replace(&mut a.zones, self.zones),
            travel_matrix: self
                .travel_matrix
                .map(|m| std::mem::replace(&mut a.travel_matrix, m)),
        }
    }
}

/// The undo and redo stacks of one document.
#[derive(Debug, Default, Clone)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

/// The parts of an appraisal that snapshots leave out.
#[derive(Default)]
struct Shared {
    travel_matrix: TravelMatrix,
    zones: Vec<Zone>,
    audit: Vec<AuditEntry>,
    exports: Vec<ExportRecord>,
}

fn take_shared(a: &mut Appraisal) -> Shared {
    Shared {
        travel_matrix: std::mem::take(&mut a.travel_matrix),
        zones: std::mem::take(&mut a.zones),
        audit: std::mem::take(&mut a.audit),
        exports: std::mem::take(&mut a.exports),
    }
}

fn put_shared(a: &mut Appraisal, shared: Shared) {
    a.travel_matrix = shared.travel_matrix;
    a.zones = shared.zones;
    a.audit = shared.audit;
    a.exports = shared.exports;
}

/// A copy of `a` without the shared parts.
fn snapshot(a: &mut Appraisal) -> Appraisal {
    let shared = take_shared(a);
    let copy = a.clone();
    put_shared(a, shared);
    copy
}

/// Puts `snapshot` in place of `a`, keeping `a`'s shared parts; returns the replaced model
/// (again without them).
fn swap_in(a: &mut Appraisal, mut snapshot: Appraisal) -> Appraisal {
    let shared = take_shared(a);
    put_shared(&mut snapshot, shared);
    std::mem::replace(a, snapshot)
}

impl History {
    /// Records `a` as it is before an edit described by `label`; clears the redo stack.
    pub fn record(&mut self, a: &mut Appraisal, label: &str) {
        let before = snapshot(a);
        self.push(Step {
            before,
            label: label.to_owned(),
            places: None,
            zone: None,
        });
    }

    /// Records `a` before an edit of the zone `code`; this step keeps a copy of that zone.
    pub fn record_zone(&mut self, a: &mut Appraisal, label: &str, code: &str) {
        let before = snapshot(a);
        self.push(Step {
            before,
            label: label.to_owned(),
            places: None,
            zone: Some(ZoneSlot::of(a, code)),
        });
    }

    /// Records `a` before an edit that may also change its zones and travel matrix (a
    /// spreadsheet import); this step keeps its own copy of them, so undo restores them too.
    pub fn record_with_places(&mut self, a: &mut Appraisal, label: &str) {
        let before = snapshot(a);
        self.push(Step {
            before,
            label: label.to_owned(),
            places: Some(Places::of(a)),
            zone: None,
        });
    }

    /// Records `a` before an edit that replaces its zones but not its travel matrix (zones
    /// built from the official files): the step keeps the zones alone.
    pub fn record_with_zones(&mut self, a: &mut Appraisal, label: &str) {
        let before = snapshot(a);
        self.push(Step {
            before,
            label: label.to_owned(),
            places: Some(Places {
                zones: a.zones.clone(),
                travel_matrix: None,
            }),
            zone: None,
        });
    }

    /// Records `a` just after its travel matrix was replaced by an import; the step keeps the
    /// matrix it had (`old`), so undo puts that back without another copy being made.
    pub fn record_matrix_replaced(&mut self, a: &mut Appraisal, label: &str, old: TravelMatrix) {
        let before = snapshot(a);
        self.push(Step {
            before,
            label: label.to_owned(),
            places: Some(Places {
                zones: a.zones.clone(),
                travel_matrix: Some(old),
            }),
            zone: None,
        });
    }

    fn push(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Whether `a` is as the last recorded step left it (the edit changed nothing).
    pub fn unchanged_since_record(&self, a: &mut Appraisal) -> bool {
        let Some(step) = self.undo.last() else {
            return false;
        };
        if let Some(slot) = &step.zone
            && *slot != ZoneSlot::of(a, &slot.code)
        {
            return false;
        }
        let shared = take_shared(a);
        let same = step.before == *a;
        put_shared(a, shared);
        same
    }

    /// Puts back the model as the last recorded step had it and forgets the step (the edit it
    /// was taken for was refused part way).
    pub fn rollback(&mut self, a: &mut Appraisal) {
        if let Some(step) = self.undo.pop() {
            swap_in(a, step.before);
            if let Some(places) = step.places {
                places.swap(a);
            }
            if let Some(zone) = step.zone {
                zone.swap(a);
            }
        }
    }

    /// Forgets the last recorded step (the edit it was taken for failed or changed nothing).
    pub fn discard_last(&mut self) {
        self.undo.pop();
    }

    /// Restores the model from before the last edit; returns that edit's label.
    pub fn undo(&mut self, a: &mut Appraisal) -> Option<String> {
        let step = self.undo.pop()?;
        let after = swap_in(a, step.before);
        let places = step.places.map(|p| p.swap(a));
        let zone = step.zone.map(|z| z.swap(a));
        self.redo.push(Step {
            before: after,
            label: step.label.clone(),
            places,
            zone,
        });
        Some(step.label)
    }

    /// Re-applies the last undone edit; returns its label.
    pub fn redo(&mut self, a: &mut Appraisal) -> Option<String> {
        let step = self.redo.pop()?;
        let before = swap_in(a, step.before);
        let places = step.places.map(|p| p.swap(a));
        let zone = step.zone.map(|z| z.swap(a));
        self.undo.push(Step {
            before,
            label: step.label.clone(),
            places,
            zone,
        });
        Some(step.label)
    }

    /// Whether undoing would put back another travel matrix (and other zones).
    pub fn undo_replaces_places(&self) -> bool {
        self.undo
            .last()
            .is_some_and(|s| s.places.as_ref().is_some_and(|p| p.travel_matrix.is_some()))
    }

    /// Whether redoing would put back another travel matrix (and other zones).
    pub fn redo_replaces_places(&self) -> bool {
        self.redo
            .last()
            .is_some_and(|s| s.places.as_ref().is_some_and(|p| p.travel_matrix.is_some()))
    }

    /// What Undo would undo, for the button's label.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// How many steps can be undone.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TravelMode;

    #[test]
    fn undo_and_redo_restore_the_model_and_keep_the_shared_parts() {
        let mut a = Appraisal::new("Before");
        a.travel_matrix = TravelMatrix::empty(
            vec!["Z1".into(), "Z2".into()],
            vec!["S1".into()],
            vec![TravelMode::Car],
        );
        a.zones = crate::demo::appraisal().zones;
        let zones = a.zones.len();
        let mut h = History::default();
        h.record(&mut a, "title");
        assert!(
            h.undo[0].before.travel_matrix.is_empty(),
            "snapshot holds no matrix"
        );
        assert!(h.undo[0].before.zones.is_empty(), "snapshot holds no zones");
        assert_eq!(a.zones.len(), zones, "the document keeps its zones");
        a.meta.title = "After".into();

        assert_eq!(h.undo(&mut a).as_deref(), Some("title"));
        assert_eq!(a.meta.title, "Before");
        assert_eq!(a.travel_matrix.zones(), ["Z1", "Z2"]);
        assert_eq!(a.zones.len(), zones);
        assert!(h.undo(&mut a).is_none());

        assert_eq!(h.redo(&mut a).as_deref(), Some("title"));
        assert_eq!(a.meta.title, "After");
        assert_eq!(a.travel_matrix.zones(), ["Z1", "Z2"]);
        assert!(h.redo.is_empty());
        assert_eq!(h.undo_label(), Some("title"));
    }

    #[test]
    fn a_step_with_zones_restores_them_and_leaves_the_matrix_alone() {
        let mut a = crate::demo::appraisal();
        let before = a.zones.clone();
        let mut h = History::default();
        h.record_with_zones(&mut a, "zones");
        a.zones.truncate(2);
        assert!(!h.undo_replaces_places(), "no matrix to put back");
        a.travel_matrix = TravelMatrix::empty(vec!["Z1".into()], vec![], vec![]);
        assert_eq!(h.undo(&mut a).as_deref(), Some("zones"));
        assert_eq!(a.zones, before);
        assert_eq!(
            a.travel_matrix.zones(),
            ["Z1"],
            "the matrix is not the step's"
        );
        assert!(!h.redo_replaces_places());
        h.redo(&mut a);
        assert_eq!(a.zones.len(), 2);
    }

    #[test]
    fn a_step_with_places_restores_the_zones_on_undo_and_redo() {
        let mut a = crate::demo::appraisal();
        let zones = a.zones.len();
        let mut h = History::default();
        h.record_with_places(&mut a, "import");
        let mut extra = a.zones[0].clone();
        extra.code = "NEW".into();
        a.zones.push(extra);
        a.meta.title = "Imported".into();

        assert_eq!(h.undo(&mut a).as_deref(), Some("import"));
        assert_eq!(a.zones.len(), zones);
        assert!(a.zones.iter().all(|z| z.code != "NEW"));
        assert_ne!(a.meta.title, "Imported");

        assert_eq!(h.redo(&mut a).as_deref(), Some("import"));
        assert_eq!(a.zones.len(), zones + 1);
        assert_eq!(a.zones[zones].code, "NEW");
        assert_eq!(a.meta.title, "Imported");
    }

    #[test]
    fn zone_steps_undo_an_add_a_change_and_a_remove_in_place() {
        let mut a = crate::demo::appraisal();
        let original = a.zones.clone();
        let mut h = History::default();
        let code = original[2].code.clone();

        h.record_zone(&mut a, "population", &code);
        a.zones[2].population = 1.0;
        assert!(
            !h.unchanged_since_record(&mut a),
            "a zone change is a change"
        );
        h.record_zone(&mut a, "remove", &code);
        a.zones.remove(2);
        h.record_zone(&mut a, "add", "NEW");
        let mut extra = original[0].clone();
        extra.code = "NEW".into();
        a.zones.push(extra);
        let edited = a.zones.clone();

        for label in ["add", "remove", "population"] {
            assert_eq!(h.undo(&mut a).as_deref(), Some(label));
        }
        assert_eq!(a.zones, original);
        for label in ["population", "remove", "add"] {
            assert_eq!(h.redo(&mut a).as_deref(), Some(label));
        }
        assert_eq!(a.zones, edited);
        assert!(h.undo[0].before.zones.is_empty(), "no step copies the list");

        h.record_zone(&mut a, "nothing", &original[0].code);
        assert!(h.unchanged_since_record(&mut a));
        h.discard_last();
        h.record_zone(&mut a, "refused", &original[0].code);
        a.zones[0].name = "half-made".into();
        h.rollback(&mut a);
        assert_eq!(a.zones[0], original[0]);
    }

    #[test]
    fn a_new_edit_clears_redo_and_depth_is_capped() {
        let mut a = Appraisal::new("x");
        let mut h = History::default();
        h.record(&mut a, "one");
        h.undo(&mut a);
        assert_eq!(h.redo_label(), Some("one"));
        h.record(&mut a, "two");
        assert_eq!(h.redo_label(), None);
        for i in 0..DEPTH + 5 {
            h.record(&mut a, &format!("step {i}"));
        }
        assert_eq!(h.depth(), DEPTH);
    }
}
