//! Loading a book: read the file in chunks (with progress), let the browser
//! paint the status, parse, then hand the table to the page, which scores it.
//! Each long step is preceded by a yield so the page never freezes silently.

use std::rc::Rc;

use yew::Callback;

use crate::model::book::{choose_mapping, read_table, BookAction, Loaded, Stage, MAPPING_KEY, MAX_BYTES};
use crate::model::Model;
use crate::web;

/// Reads a chosen or dropped file, then [`load_bytes`].
pub fn load_file(file: web_sys::File, model: Model, dispatch: Callback<BookAction>) {
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        dispatch.emit(BookAction::Stage(Stage::Reading(name.clone(), 0)));
        web::book::yield_to_browser().await;
        let progress = {
            let (dispatch, name) = (dispatch.clone(), name.clone());
            move |pct: u8| dispatch.emit(BookAction::Stage(Stage::Reading(name.clone(), pct)))
        };
        match web::book::read_bytes(&file, MAX_BYTES, progress).await {
            Ok(bytes) => parse(name, bytes, model, dispatch).await,
            Err(message) => dispatch.emit(BookAction::Stage(Stage::Failed(message))),
        }
    });
}

/// Parses bytes already in memory (pasted rows, the sample book).
pub fn load_bytes(name: String, bytes: Vec<u8>, model: Model, dispatch: Callback<BookAction>) {
    wasm_bindgen_futures::spawn_local(parse(name, bytes, model, dispatch));
}

async fn parse(name: String, bytes: Vec<u8>, model: Model, dispatch: Callback<BookAction>) {
    dispatch.emit(BookAction::Stage(Stage::Parsing(name.clone())));
    web::book::yield_to_browser().await;
    let table = match read_table(&bytes) {
        Ok(table) => table,
        Err(e) => {
            dispatch.emit(BookAction::Stage(Stage::Failed(format!("{name} cannot be used: {e}."))));
            return;
        }
    };
    drop(bytes);
    let saved = web::read_key(MAPPING_KEY);
    let mapping = choose_mapping(saved.as_deref(), &table, &model);
    dispatch.emit(BookAction::Stage(Stage::Scoring(name.clone())));
    web::book::yield_to_browser().await;
    let loaded = Loaded {
        name,
        table: Rc::new(table),
    };
    dispatch.emit(BookAction::Loaded(loaded, mapping));
}
