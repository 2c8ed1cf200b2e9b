//! The calculator's `update`: which effects each event asks of the browser.
//! Saving, backups of unreadable text, imports, copies and the host API are
//! state machines checked here without a browser.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use csql_calculator::model::calc::state::{CalcEvent, CalcState, HostSet, Startup, Stored};
use csql_calculator::model::core::effect::{Answer, CopyWhat, Effect, FileRef, HostMessage, StorageKey};
use csql_calculator::model::core::notice::NoticeAction;
use csql_calculator::model::share::{encode_link, from_json, to_json, Document};
use csql_calculator::model::Model;

fn start(query: &str, stored: Stored, backup: Option<&str>) -> (CalcState, Vec<Effect<CalcEvent>>) {
    CalcState::start(&Startup {
        query: query.into(),
        stored,
        backup: backup.map(str::to_owned),
        address: "https://example.com/csql/".into(),
        ..Startup::default()
    })
}

fn saves(effects: &[Effect<CalcEvent>]) -> Vec<(StorageKey, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save { key, text } => Some((*key, text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn autosave_starts_with_the_first_change_and_saves_every_change() {
    let mine = Document::new(
        Model {
            threshold: "80".into(),
            ..Model::default()
        },
        None,
    );
    let (mut state, effects) = start("", Stored::Text(to_json(&mine)), None);
    // Opening writes nothing.
    assert!(effects.is_empty());
    let effects = state.update(CalcEvent::SetThreshold("75".into()));
    let saved = saves(&effects);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].0, StorageKey::Model);
    assert_eq!(from_json(&saved[0].1).map(|d| d.model.threshold), Ok("75".to_owned()));
    // An event that changes nothing saves nothing.
    assert!(saves(&state.update(CalcEvent::SetThreshold("75".into()))).is_empty());
    // The share link follows the document.
    assert!(state.link.starts_with("https://example.com/csql/#m=1."));
    assert_eq!(
        state.link,
        format!("https://example.com/csql/#m={}", encode_link(&state.document()))
    );
}

#[test]
fn unreadable_saved_text_is_backed_up_first_and_never_overwritten() {
    let broken = "{\"version\":1,\"model\":";
    let (mut state, effects) = start("", Stored::Text(broken.into()), None);
    // The first effect keeps the text under the backup key.
    assert_eq!(saves(&effects), vec![(StorageKey::Backup, broken.to_owned())]);
    assert_eq!(state.notices[0].action, Some(NoticeAction::DownloadBackup));
    // Download offers exactly that text.
    let effects = state.update(CalcEvent::DownloadBackup);
    assert!(matches!(effects.as_slice(), [Effect::Download { text, .. }] if text == broken));
    // Saving over the model key is then allowed: the text is safe under the backup key.
    assert_eq!(saves(&state.update(CalcEvent::SetThreshold("60".into()))).len(), 1);
    // Dismissing the notice lets the backup go.
    let effects = state.update(CalcEvent::DismissNotice(0));
    assert_eq!(effects, vec![Effect::Remove(StorageKey::Backup)]);
    assert_eq!(state.backup, None);
}

#[test]
fn when_the_backup_cannot_be_written_autosave_stays_off() {
    let broken = "{\"version\":99}";
    let (mut state, _) = start("", Stored::Text(broken.into()), None);
    state.update(CalcEvent::Answer(Answer::SaveRefused(StorageKey::Backup)));
    assert!(!state.autosave);
    assert!(saves(&state.update(CalcEvent::SetThreshold("60".into()))).is_empty());
    assert!(state.notices.iter().any(|n| n.message.contains("will not save over it")));
}

#[test]
fn an_older_backup_and_new_unreadable_text_are_both_kept() {
    let (mut state, effects) = start("", Stored::Text("new garbage".into()), Some("old garbage"));
    // The older backup is not overwritten, and the model key keeps the new text.
    assert!(saves(&effects).is_empty());
    assert!(!state.autosave);
    assert!(saves(&state.update(CalcEvent::SetThreshold("60".into()))).is_empty());
    // A kept backup with a readable model: offered, and autosave works.
    let (state, _) = start("", Stored::Nothing, Some("old garbage"));
    assert!(state.autosave);
    assert_eq!(state.notices[0].action, Some(NoticeAction::DownloadBackup));
}

#[test]
fn a_refused_write_is_said_once_and_keeps_the_old_save() {
    let (mut state, _) = start("", Stored::Nothing, None);
    state.update(CalcEvent::Answer(Answer::SaveRefused(StorageKey::Model)));
    state.update(CalcEvent::Answer(Answer::SaveRefused(StorageKey::Model)));
    let said: Vec<_> = state.notices.iter().filter(|n| n.message.contains("refused to save")).collect();
    assert_eq!(said.len(), 1);
    assert!(said[0].message.contains("saved before stays as it was"));
}

#[test]
fn an_embedded_page_never_saves() {
    let (mut state, _) = start("embed=1", Stored::Nothing, None);
    assert!(saves(&state.update(CalcEvent::SetThreshold("60".into()))).is_empty());
    let (mut state, _) = CalcState::start(&Startup {
        embedded: true,
        ..Startup::default()
    });
    assert!(saves(&state.update(CalcEvent::SetThreshold("60".into()))).is_empty());
}

#[test]
fn importing_a_model_file_reads_it_then_replaces_the_model_with_undo() {
    let (mut state, _) = start("", Stored::Nothing, None);
    let file = FileRef {
        id: 3,
        name: "team.json".into(),
        size: 900,
    };
    assert_eq!(state.update(CalcEvent::ImportFile(file.clone())), vec![Effect::ReadFile(file)]);
    let theirs = Document::new(
        Model {
            threshold: "55".into(),
            ..Model::default()
        },
        None,
    );
    let effects = state.update(CalcEvent::Answer(Answer::FileRead(3, to_json(&theirs).into_bytes())));
    assert_eq!(state.model.threshold, "55");
    assert_eq!(saves(&effects).len(), 1);
    assert_eq!(state.notices.last().map(|n| n.action), Some(Some(NoticeAction::Undo)));
    state.update(CalcEvent::Undo);
    assert_eq!(state.model.threshold, "70");
    // Not JSON: a sentence, the model stays.
    state.update(CalcEvent::ImportFile(FileRef {
        id: 4,
        name: "notes.json".into(),
        size: 5,
    }));
    state.update(CalcEvent::Answer(Answer::FileRead(4, b"hello".to_vec())));
    assert!(state
        .notices
        .last()
        .is_some_and(|n| n.message.starts_with("Import failed: \u{201c}notes.json\u{201d} could not be used")));
    assert_eq!(state.model.threshold, "70");
    // Too large: refused before reading.
    let huge = FileRef {
        id: 5,
        name: "big.json".into(),
        size: 50_000_000,
    };
    assert!(state.update(CalcEvent::ImportFile(huge)).is_empty());
    assert!(state.notices.last().is_some_and(|n| n.message.contains("too large")));
    // A locked page imports nothing.
    let (mut locked, _) = start("lock=1", Stored::Nothing, None);
    assert!(locked
        .update(CalcEvent::ImportFile(FileRef {
            id: 6,
            name: "x.json".into(),
            size: 10
        }))
        .is_empty());
}

#[test]
fn copies_ask_for_the_clipboard_and_say_what_happened() {
    let (mut state, _) = start("", Stored::Nothing, None);
    let effects = state.update(CalcEvent::CopyLink);
    assert_eq!(effects, vec![Effect::CopyText(CopyWhat::Link, state.link.clone())]);
    state.update(CalcEvent::Answer(Answer::Copied(CopyWhat::Link, false)));
    assert!(state
        .notices
        .last()
        .is_some_and(|n| n.message.contains("may not use the clipboard")));
}

#[test]
fn the_result_summary_is_plain_text_with_everything_a_crm_note_needs() {
    // Engagement 80 x 50, Fit 60 x 30, Intent 40 x 20 = (4000 + 1800 + 800) / 100 = 66.
    let (mut state, _) = start(
        "weights=50,30,20&threshold=70&engagement=80&fit=60&intent=40&gates=budget,timing",
        Stored::Nothing,
        None,
    );
    state.model.account = "Acme Corp".into();
    let effects = state.update(CalcEvent::CopyResult);
    let [Effect::CopyText(CopyWhat::Result, text)] = effects.as_slice() else {
        panic!("a copy")
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Account: Acme Corp");
    assert_eq!(lines[1], "CSQL score: 66.0 / 100 (threshold 70.0)");
    assert!(
        lines[2].starts_with("Verdict: Below the threshold. 4.0 points short"),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3], "Gates met: Budget, Timing");
    assert_eq!(lines[4], "Required gates missing: Product fit, Usage signals, Stakeholder buy-in");
    assert_eq!(lines[5], "Weights: Engagement 50 (50.0%), Fit 30 (30.0%), Intent 20 (20.0%)");
    // The breakdown (issue 19): 80 x 0.5 = 40.0, 60 x 0.3 = 18.0, 40 x 0.2 = 8.0;
    // typed scores, so no signal lines.
    assert_eq!(lines[6..9], ["Engagement: 40.0 points", "Fit: 18.0 points", "Intent: 8.0 points"]);
    assert!(lines[9].starts_with("Model: https://example.com/csql/#m=1."));
}

#[test]
fn a_host_sets_inputs_as_if_typed_and_gets_a_result_each_time() {
    let (mut state, effects) = CalcState::start(&Startup {
        query: "lock=1&weights=50,30,20".into(),
        in_frame: true,
        ..Startup::default()
    });
    // The host hears the result on load.
    assert!(matches!(effects.as_slice(), [Effect::PostToHost(HostMessage::Result(_))]));
    let set = HostSet {
        values: BTreeMap::from([
            ("seats_active".to_owned(), "85".to_owned()),
            ("nonsense".to_owned(), "1".to_owned()),
        ]),
        gates: BTreeMap::from([("budget".to_owned(), true)]),
        ..HostSet::default()
    };
    let effects = state.update(CalcEvent::Host(set));
    let Some(Effect::PostToHost(HostMessage::Result(result))) = effects.last() else {
        panic!("a result")
    };
    assert_eq!(state.model.components[0].signals[1].value, "85");
    assert!(state.model.gates[3].met);
    assert_eq!(result.verdict, "below-threshold");
    assert_eq!(result.components.len(), 3);
    assert_eq!(result.model_link, state.link);
    // A host cannot change a locked page's criteria: the weights stay 50/30/20.
    let weights: Vec<&str> = state.model.components.iter().map(|c| c.weight.as_str()).collect();
    assert_eq!(weights, ["50", "30", "20"]);
    // Setting the same values again still answers.
    let effects = state.update(CalcEvent::Host(HostSet::default()));
    assert!(matches!(effects.as_slice(), [Effect::PostToHost(_)]));
    // Too many entries: ignored whole (but answered, so the host is not left waiting).
    let flood = HostSet {
        values: (0..500).map(|i| (format!("k{i}"), "1".to_owned())).collect(),
        ..HostSet::default()
    };
    let before = state.model.clone();
    state.update(CalcEvent::Host(flood));
    assert_eq!(state.model, before);
    // Not in a frame: nothing is posted.
    let (mut alone, effects) = start("", Stored::Nothing, None);
    assert!(effects.is_empty());
    assert!(!alone
        .update(CalcEvent::SetThreshold("60".into()))
        .iter()
        .any(|e| matches!(e, Effect::PostToHost(_))));
}
