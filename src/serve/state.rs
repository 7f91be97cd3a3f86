//! What the server shows right now: the last good build and, if the latest
//! build failed, its overlay. Swapped whole, so a request sees either the old
//! site or the new one, never a mix; the reload message goes out only after
//! the swap, so a reloading browser cannot ask for a page that is not there yet.

use super::editor::Editor;
use super::guard::Guard;
use super::reload::Hub;
use crate::output::Output;
use crate::pipeline::EntrySource;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

#[derive(Clone)]
pub struct Current {
    pub output: Arc<Output>,
    /// Where the site lives on the server: `/` or `/metod/`.
    pub base_path: String,
    /// Changes with every build that changed the output (see `reload::Message`).
    pub generation: u64,
    /// The error overlay while the latest build failed.
    pub overlay: Option<String>,
    /// Page path → its source (see [`crate::pipeline::Built::sources`]).
    pub sources: Arc<BTreeMap<String, EntrySource>>,
}

pub struct State {
    current: RwLock<Arc<Current>>,
    pub hub: Hub,
    pub guard: Guard,
    /// The editor, while the preview listens on loopback only.
    pub editor: Option<Editor>,
}

impl State {
    pub fn new(current: Current, guard: Guard, editor: Option<Editor>) -> State {
        State {
            current: RwLock::new(Arc::new(current)),
            hub: Hub::default(),
            guard,
            editor,
        }
    }

    pub fn current(&self) -> Arc<Current> {
        self.current.read().expect("state lock").clone()
    }

    pub fn set(&self, current: Current) {
        *self.current.write().expect("state lock") = Arc::new(current);
    }
}
