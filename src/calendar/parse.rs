//! Text to calendars, with the `ical` crate. The crate reports a broken
//! property with its line but a broken structure (a component that never
//! ends, one in the wrong place) without; the reader below records how far
//! the crate has read, so that every error can name a line.

use std::cell::Cell;
use std::io::{BufRead, Read};
use std::rc::Rc;

use ical::parser::ParserError;
use ical::parser::ical::component::IcalCalendar;
use ical::property::PropertyError;

use super::error::ExpandError;

/// How far the crate has read: bytes handed out, and whether it has asked
/// past the end.
#[derive(Default)]
struct Progress {
    read: Cell<usize>,
    at_end: Cell<bool>,
}

/// A `BufRead` over text that records its progress.
struct Tracked<'a> {
    rest: &'a [u8],
    progress: Rc<Progress>,
}

impl Read for Tracked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.rest.len().min(buf.len());
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Tracked<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.rest.is_empty() {
            self.progress.at_end.set(true);
        }
        Ok(self.rest)
    }

    fn consume(&mut self, amt: usize) {
        let amt = amt.min(self.rest.len());
        self.rest = &self.rest[amt..];
        self.progress.read.set(self.progress.read.get() + amt);
    }
}

/// The components busy times are made of; any other (VALARM, VTODO,
/// VJOURNAL, VFREEBUSY, VAVAILABILITY, X-components) is left out whole,
/// so that one the parser does not know cannot fail the calendar.
fn is_needed_component(upper: &[u8]) -> bool {
    matches!(
        upper,
        b"VCALENDAR" | b"VEVENT" | b"VTIMEZONE" | b"STANDARD" | b"DAYLIGHT"
    )
}

/// The properties read from those components. Summaries, descriptions,
/// attendees, locations and the rest never reach the parser: less to
/// parse (a feed is mostly text of no use here), and nothing of them can
/// end up stored.
fn is_needed_property(upper: &[u8]) -> bool {
    matches!(
        upper,
        b"UID"
            | b"DTSTART"
            | b"DTEND"
            | b"DURATION"
            | b"RRULE"
            | b"RDATE"
            | b"EXDATE"
            | b"RECURRENCE-ID"
            | b"STATUS"
            | b"TRANSP"
            | b"X-MICROSOFT-CDO-BUSYSTATUS"
            | b"TZID"
            | b"X-LIC-LOCATION"
            | b"TZOFFSETFROM"
            | b"TZOFFSETTO"
    )
}

/// A short name in capitals, in `buf`; longer ones are none of ours.
fn upper<'b>(name: &str, buf: &'b mut [u8; 32]) -> &'b [u8] {
    if name.len() > buf.len() {
        return &[];
    }
    for (d, s) in buf.iter_mut().zip(name.bytes()) {
        *d = s.to_ascii_uppercase();
    }
    &buf[..name.len()]
}

/// The lines of a text that busy times need.
struct Needed {
    text: String,
    /// The line (1-based) of the original that each line of `text` is.
    origin: Vec<usize>,
    /// Lines in the original.
    total: usize,
    /// Whether the original has a `BEGIN:VCALENDAR` line at all: what
    /// tells a calendar that the parser rejects from a login page.
    calendar: bool,
}

impl Needed {
    /// The line of the original for a line (1-based) of `text`.
    fn original(&self, line: usize) -> usize {
        line.checked_sub(1)
            .and_then(|i| self.origin.get(i))
            .copied()
            .unwrap_or(self.total)
    }
}

/// The lines that are needed, BEGIN and END in capitals as the parser
/// wants them; the others are dropped, not blanked: the parser pays for
/// every line it reads, and most lines of a feed are of no use here.
fn needed_lines(text: &str) -> Needed {
    let mut out = String::with_capacity(text.len() / 4);
    let mut origin = Vec::new();
    let mut calendar = false;
    let (mut name_buf, mut value_buf) = ([0u8; 32], [0u8; 32]);
    // Depth inside a component that is left out.
    let mut skipping = 0usize;
    // Whether the logical line that continuation lines continue was kept.
    let mut keeping = false;
    let mut number = 0;
    for raw in text.split_inclusive('\n') {
        number += 1;
        let line = raw.trim_end_matches(['\r', '\n']);
        if line.starts_with([' ', '\t']) {
            if keeping {
                out.push_str(line);
                out.push('\n');
                origin.push(number);
            }
            continue;
        }
        let name_end = line
            .bytes()
            .position(|b| b == b';' || b == b':')
            .unwrap_or(line.len());
        let name = upper(&line[..name_end], &mut name_buf);
        keeping = false;
        let start = out.len();
        match name {
            b"BEGIN" | b"END" => {
                let begin = name == b"BEGIN";
                let value = line.get(name_end + 1..).unwrap_or_default().trim();
                if skipping > 0 {
                    if begin {
                        skipping += 1;
                    } else {
                        skipping -= 1;
                    }
                } else if is_needed_component(upper(value, &mut value_buf)) {
                    calendar |= begin && value.eq_ignore_ascii_case("VCALENDAR");
                    out.push_str(if begin { "BEGIN:" } else { "END:" });
                    out.push_str(&value.to_ascii_uppercase());
                } else if begin {
                    skipping = 1;
                } else {
                    // An END of nothing kept here: the parser judges it.
                    out.push_str(line);
                }
            }
            _ if skipping == 0 && is_needed_property(name) => {
                out.push_str(line);
                keeping = true;
            }
            _ => {}
        }
        if out.len() > start {
            out.push('\n');
            origin.push(number);
        }
    }
    Needed {
        text: out,
        origin,
        total: number,
        calendar,
    }
}

/// Every VCALENDAR of the text (a feed may concatenate several).
pub(crate) fn calendars(text: &str) -> Result<Vec<IcalCalendar>, ExpandError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let needed = needed_lines(text);
    if !needed.calendar {
        return Err(ExpandError::NotACalendar);
    }
    let progress = Rc::new(Progress::default());
    let reader = Tracked {
        rest: needed.text.as_bytes(),
        progress: Rc::clone(&progress),
    };
    let mut out = Vec::new();
    for calendar in ical::IcalParser::new(reader) {
        match calendar {
            Ok(c) => out.push(c),
            Err(e) => {
                return Err(ExpandError::Unparsable {
                    line: needed.original(error_line(&e, &progress, &needed.text)),
                });
            }
        }
    }
    Ok(out)
}

/// The line of a parser error (1-based, in `text`). A structural error concerns the
/// last line the crate took in, which is not the last it read: it reads
/// one line ahead (to see whether the next continues this one), unless
/// the text ended first. A component left open is reported at the end.
fn error_line(e: &ParserError, progress: &Progress, text: &str) -> usize {
    match e {
        ParserError::PropertyError(p) => match p {
            PropertyError::MissingName { line }
            | PropertyError::MissingClosingQuote { line }
            | PropertyError::MissingDelimiter { line, .. }
            | PropertyError::MissingContentAfter { line, .. }
            | PropertyError::MissingParamKey { line } => *line,
        },
        // Past the last line: the end of the original.
        ParserError::NotComplete => usize::MAX,
        ParserError::InvalidComponent | ParserError::MissingHeader => {
            let read = text.get(..progress.read.get()).unwrap_or(text);
            let mut lines: Vec<&str> = read.lines().collect();
            if !progress.at_end.get() {
                lines.pop();
            }
            lines
                .iter()
                .rposition(|l| !l.is_empty() && !l.starts_with([' ', '\t']))
                .map_or(1, |i| i + 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_that_is_no_calendar_says_so() {
        for body in [
            "",
            "   \n\n",
            "<!DOCTYPE html><html><body>Sign in</body></html>",
            "{\"error\":\"unauthorized\"}",
        ] {
            assert_eq!(
                calendars(body).err(),
                Some(ExpandError::NotACalendar),
                "{body:?}"
            );
        }
    }

    #[test]
    fn a_byte_order_mark_and_blank_lines_are_no_problem() {
        let text = "\u{feff}BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let cals = calendars(text).unwrap();
        assert_eq!(cals.len(), 1);
        assert_eq!(cals[0].events.len(), 1);
    }

    #[test]
    fn errors_name_their_line() {
        let broken_property = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART;TZID=\"Europe/Berlin:20260101T090000\nEND:VEVENT\nEND:VCALENDAR\n";
        assert_eq!(
            calendars(broken_property).err(),
            Some(ExpandError::Unparsable { line: 5 })
        );
        let folded = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDESCRIPTION:a\n  long text\nDTSTART;TZID=\"Europe/\n Berlin:20260101T090000\nEND:VEVENT\nEND:VCALENDAR\n";
        assert_eq!(
            calendars(folded).err(),
            Some(ExpandError::Unparsable { line: 5 })
        );
        let misplaced = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nBEGIN:VTIMEZONE\nEND:VTIMEZONE\nEND:VEVENT\nEND:VCALENDAR\n";
        assert_eq!(
            calendars(misplaced).err(),
            Some(ExpandError::Unparsable { line: 4 })
        );
        let truncated = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\n";
        assert_eq!(
            calendars(truncated).err(),
            Some(ExpandError::Unparsable { line: 4 })
        );
        let after_the_end = "BEGIN:VCALENDAR\nEND:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\n";
        assert_eq!(
            calendars(after_the_end).err(),
            Some(ExpandError::Unparsable { line: 3 })
        );
        let at_the_last_line = "BEGIN:VCALENDAR\nEND:VCALENDAR\n\nBEGIN:VEVENT";
        assert_eq!(
            calendars(at_the_last_line).err(),
            Some(ExpandError::Unparsable { line: 4 })
        );
    }

    #[test]
    fn what_busy_times_do_not_need_never_reaches_the_parser() {
        let text = "BEGIN:VCALENDAR\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Secret\r\n  meeting\r\nATTENDEE;CN=Bob:mailto:bob@example.org\r\nDTSTART;TZID=Europe/Berlin:2026\r\n 0101T090000\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let needed = needed_lines(text);
        assert_eq!(
            needed.text,
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;TZID=Europe/Berlin:2026\n 0101T090000\nEND:VEVENT\nEND:VCALENDAR\n"
        );
        assert_eq!(needed.origin, [1, 3, 4, 8, 9, 14, 15]);
        assert_eq!(needed.total, 15);
        let cals = calendars(text).unwrap();
        let event = &cals[0].events[0];
        let names: Vec<&str> = event.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["UID", "DTSTART"]);
        assert_eq!(
            event.properties[1].value.as_deref(),
            Some("20260101T090000")
        );
        assert!(event.alarms.is_empty());
    }

    #[test]
    fn unknown_components_lower_case_and_stray_lines_are_no_problem() {
        let text = "X-WR-CALNAME:before the header\nbegin:vcalendar\nBEGIN:VAVAILABILITY\nBEGIN:AVAILABLE\nDTSTART:20260101T090000Z\nEND:AVAILABLE\nEND:VAVAILABILITY\nBEGIN:X-APPLE-THING\nEND:X-APPLE-THING\nbegin:vevent\nUID:a\n;a broken line of no use\nend:vevent\nBEGIN:VTODO\nUID:t\nEND:VTODO\nend:vcalendar\n";
        let cals = calendars(text).unwrap();
        assert_eq!(cals.len(), 1);
        assert_eq!(cals[0].events.len(), 1);
        assert!(cals[0].todos.is_empty());
    }

    #[test]
    fn several_calendars_in_one_text_are_all_read() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nEND:VEVENT\nEND:VCALENDAR\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:b\nEND:VEVENT\nEND:VCALENDAR\n";
        assert_eq!(calendars(text).unwrap().len(), 2);
    }
}
