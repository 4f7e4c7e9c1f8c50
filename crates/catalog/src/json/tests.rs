//! The reader as a whole against the JSON grammar: what it accepts and refuses, how deep it
//! reads, and what its errors say (strings.rs keeps its own cases beside it).

use super::*;

fn skip_all(text: &str) -> Result<(), Error> {
    let mut r = Reader::new(text);
    r.skip()?;
    r.end()
}

#[test]
fn accepts_what_json_accepts() {
    for text in [
        "{}",
        "[]",
        " [1, -0, 0.5, 1e5, 1E-5, -1.25e+3, true, false, null, \"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"] ",
        "{\"a\": {\"b\": [[], {}]}}",
    ] {
        assert_eq!(skip_all(text), Ok(()), "{text}");
    }
}

#[test]
fn refuses_what_json_refuses() {
    for (text, kind) in [
        ("", ErrorKind::Eof("EOF while parsing a value")),
        ("[1,]", ErrorKind::Syntax("trailing comma")),
        ("{\"a\":1,}", ErrorKind::Syntax("trailing comma")),
        ("[01]", ErrorKind::Syntax("invalid number")),
        ("[1.]", ErrorKind::Syntax("invalid number")),
        ("[-]", ErrorKind::Syntax("invalid number")),
        ("[.5]", ErrorKind::Syntax("expected value")),
        ("{a:1}", ErrorKind::Syntax("key must be a string")),
        ("{\"a\" 1}", ErrorKind::Syntax("expected `:`")),
        ("[1 2]", ErrorKind::Syntax("expected `,` or `]`")),
        ("{\"a\":1 \"b\":2}", ErrorKind::Syntax("expected `,` or `}`")),
        ("\"\\x\"", ErrorKind::Syntax("invalid escape")),
        ("\"\\ud800\"", ErrorKind::Syntax("lone leading surrogate in hex escape")),
        ("\"\\udc00\"", ErrorKind::Syntax("lone trailing surrogate in hex escape")),
        ("\"a\u{1}\"", ErrorKind::Syntax("control character (\\u0000-\\u001F) found while parsing a string")),
        ("[tru]", ErrorKind::Syntax("expected ident")),
        ("[1] x", ErrorKind::Syntax("trailing characters")),
        ("[1", ErrorKind::Eof("EOF while parsing a list")),
        ("{\"a\"", ErrorKind::Eof("EOF while parsing an object")),
        ("\"abc", ErrorKind::Eof("EOF while parsing a string")),
    ] {
        assert_eq!(skip_all(text).map_err(Error::into_kind), Err(kind), "{text}");
    }
}

#[test]
fn nesting_stops_at_the_limit_where_it_is_read_but_not_where_it_is_skipped() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let read = |text: &str| {
        let mut r = Reader::new(text);
        let mut depth = 0;
        loop {
            r.array("a sequence")?;
            if !r.item()? {
                return Ok::<usize, Error>(depth);
            }
            depth += 1;
        }
    };
    assert_eq!(read(&deep(MAX_DEPTH as usize)), Ok(MAX_DEPTH as usize - 1));
    assert_eq!(read(&deep(MAX_DEPTH as usize + 1)).map_err(Error::into_kind), Err(ErrorKind::TooDeep));
    assert_eq!(skip_all(&deep(100_000)), Ok(()));
    assert!(skip_all(&deep(100_000)[1..]).is_err());
}

#[test]
fn errors_name_the_value_they_are_about() {
    let text = "{\"tools\": [{\"id\": 1}, {\"name\": 5}]}";
    let mut r = Reader::new(text);
    let err = (|| -> Result<(), Error> {
        r.object("a map")?;
        while let Some(key) = r.key()? {
            r.array("a sequence").map_err(|e| e.in_key(&key))?;
            let mut i = 0;
            while r.item().map_err(|e| e.in_key(&key))? {
                if i == 1 {
                    r.object("struct Tool").map_err(|e| e.in_index(i).in_key(&key))?;
                    let field = r.key()?.unwrap_or_default().into_owned();
                    let err = r.string().map_err(|e| e.in_key(&field).in_index(i).in_key(&key));
                    err?;
                }
                r.skip()?;
                i += 1;
            }
        }
        Ok(())
    })()
    .unwrap_err();
    assert_eq!(err.path(), "tools[1].name");
    assert_eq!(err.kind(), &ErrorKind::Data("expected a string, found integer `5`".into()));
    assert_eq!(err.line_column(text), (1, 32));
}

#[test]
fn describes_what_it_found() {
    let found = |text: &str| match Reader::new(text).string().map_err(Error::into_kind) {
        Err(ErrorKind::Data(m)) => m,
        other => panic!("{other:?}"),
    };
    assert_eq!(found("5"), "expected a string, found integer `5`");
    assert_eq!(found("-5"), "expected a string, found integer `-5`");
    assert_eq!(found("2.5"), "expected a string, found floating point `2.5`");
    assert_eq!(found("1e3"), "expected a string, found floating point `1e3`");
    assert_eq!(found("-0"), "expected a string, found floating point `-0`");
    assert_eq!(found("true"), "expected a string, found boolean `true`");
    assert_eq!(found("null"), "expected a string, found null");
    assert_eq!(found("[1]"), "expected a string, found sequence");
    assert_eq!(found("{}"), "expected a string, found map");
    let unsigned = |text: &str| Reader::new(text).unsigned("u32", u32::MAX.into()).map_err(Error::into_kind);
    assert_eq!(unsigned("4294967295"), Ok(4_294_967_295));
    assert_eq!(unsigned("4294967296"), Err(ErrorKind::Data("expected u32, found integer `4294967296`".into())));
    assert_eq!(unsigned("-1"), Err(ErrorKind::Data("expected u32, found integer `-1`".into())));
    assert_eq!(unsigned("1.0"), Err(ErrorKind::Data("expected u32, found floating point `1.0`".into())));
    assert_eq!(unsigned("-0"), Err(ErrorKind::Data("expected u32, found floating point `-0`".into())));
    // Negative zero is a float, as serde_json reads it: no integer field takes it.
    assert!(Reader::new("-0").i64().is_err());
    assert!(serde_json::from_str::<i64>("-0").is_err());
    assert_eq!(Reader::new("0").i64().map_err(Error::into_kind), Ok(0));
    assert_eq!(Reader::new("-0").f64().map_err(Error::into_kind), Ok(-0.0));
}
