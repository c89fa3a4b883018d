//! `x`: a snapshot of every format written from the editor, with the rules of `print -o`.

use std::fs;

use journeymap::app::exporting::Exported;
use journeymap::app::{App, Effect, Event, Mode, Target};
use journeymap::tui::write_export;

use super::{editor, example_map, run, screen};

#[test]
fn every_format_is_written_under_a_proposed_name_and_never_over_a_map() {
    let dir = tempfile::tempdir().expect("temp dir");
    let map_path = dir.path().join("trial.ron");
    journeymap::store::save(&map_path, &example_map()).expect("saved");
    let mut app = App::new(example_map(), Some(map_path.clone()));
    for (i, format) in journeymap::export::ALL.iter().enumerate() {
        run(&mut app, &format!("x {}", i + 1));
        let expected = map_path.with_extension(format.extensions[0]);
        assert!(
            matches!(&app.seat.mode, Mode::Editing { target: Target::ExportPath, input }
                if input.text() == expected.display().to_string()),
            "{}: {:?}",
            format.name,
            app.seat.mode
        );
        let effects = run(&mut app, "<enter>");
        let [
            Effect::Export {
                path,
                format: name,
                overwrite: false,
            },
        ] = effects.as_slice()
        else {
            panic!("{}: {effects:?}", format.name);
        };
        assert_eq!(*name, format.name);
        let outcome = write_export(&app, path, name, false);
        assert_eq!(outcome, Exported::Written(expected.clone()));
        app.event(Event::Exported(outcome));
        let (message, _) = app.seat.status.clone().expect("says what was written");
        assert!(
            message.contains(&format!("{} snapshot", format.name)),
            "{message}"
        );
        let written = fs::read_to_string(&expected).expect("written");
        let direct = journeymap::export::render(format.name, &app.room.map, &Default::default());
        assert_eq!(Some(written), direct, "{}", format.name);
    }

    // A file of that name asks first; the map itself is never replaced.
    let html = map_path.with_extension("html");
    run(&mut app, "x 3");
    let effects = run(&mut app, "<enter>");
    let [Effect::Export { path, format, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let outcome = write_export(&app, path, format, false);
    assert_eq!(outcome, Exported::Exists(html.clone()));
    app.event(Event::Exported(outcome));
    assert!(screen(&app).contains("already exists"));
    assert_eq!(
        run(&mut app, "o"),
        [Effect::Export {
            path: html.clone(),
            format: "html",
            overwrite: true
        }]
    );
    let before = fs::read(&map_path).expect("map");
    let Exported::Failed(why) = write_export(&app, &map_path, "html", true) else {
        panic!("wrote over the map");
    };
    assert!(why.contains("journey map"), "{why}");
    assert_eq!(fs::read(&map_path).expect("map"), before);
}

#[test]
fn a_map_without_a_file_proposes_a_name_from_its_title() {
    let mut app = editor(example_map());
    run(&mut app, "x");
    insta::assert_snapshot!("export_menu", screen(&app));
    run(&mut app, "3");
    let Mode::Editing { input, .. } = &app.seat.mode else {
        panic!("{:?}", app.seat.mode);
    };
    assert!(input.text().ends_with(".html"), "{}", input.text());
    assert!(!input.text().contains(' '), "{}", input.text());
    run(&mut app, "<esc>");
    assert_eq!(app.seat.mode, Mode::Normal);
}
