//! The organization's colour on its public pages: parsing `#rrggbb`, the
//! WCAG contrast of the shades the pages use, and the small stylesheet
//! that sets them. Pure: no store, no request.
//!
//! The pages use the accent as button background under white text, as
//! link text on white cards, on the grey page and on the calendar's pale
//! blue days. A colour too light for any of those (under 4.5:1, WCAG AA
//! for text) is not refused: it is darkened step by step until it reads,
//! and the settings page says which shade the pages use. Dark mode gets a
//! lightened shade the same way, against the dark surfaces.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// WCAG AA for normal text.
pub const AA: f64 = 4.5;

/// What the light pages put the accent on (white button text, cards, the
/// page, the calendar's days) and what the dark pages do.
const LIGHT_SURFACES: [Rgb; 3] = [
    Rgb(0xff, 0xff, 0xff),
    Rgb(0xf6, 0xf7, 0xf9),
    Rgb(0xe8, 0xf0, 0xfe),
];
const DARK_SURFACES: [Rgb; 4] = [
    Rgb(0x1e, 0x24, 0x2b),
    Rgb(0x15, 0x19, 0x1e),
    Rgb(0x1c, 0x2a, 0x44),
    // The text of dark-mode buttons.
    Rgb(0x0d, 0x1b, 0x33),
];

impl Rgb {
    /// `#rrggbb` (either case); anything else is None.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// `#rrggbb`, lowercase: the one way a colour is stored and shown.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2).
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// Mixed toward `to` by `t` (0 keeps it, 1 gives `to`).
    fn toward(self, to: Rgb, t: f64) -> Rgb {
        let mix = |a: u8, b: u8| {
            let v = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
            v.round().clamp(0.0, 255.0) as u8
        };
        Rgb(mix(self.0, to.0), mix(self.1, to.1), mix(self.2, to.2))
    }
}

/// The contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The lowest contrast of `c` against any of `surfaces`.
fn worst(c: Rgb, surfaces: &[Rgb]) -> f64 {
    surfaces
        .iter()
        .map(|s| contrast(c, *s))
        .fold(f64::INFINITY, f64::min)
}

/// The first shade from `c` toward `to` that reads on every surface, in
/// steps of 2 %; black or white reads on these surfaces, so one is found.
fn readable_toward(c: Rgb, to: Rgb, surfaces: &[Rgb]) -> Rgb {
    (0..=50)
        .map(|step| c.toward(to, f64::from(step) / 50.0))
        .find(|shade| worst(*shade, surfaces) >= AA)
        .unwrap_or(to)
}

/// The shades the pages use for a chosen colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Accent {
    /// As chosen.
    pub chosen: Rgb,
    /// What the light pages use: the chosen colour when it reads, else
    /// the first darker shade that does.
    pub light: Rgb,
    /// What the dark pages use: a lighter shade that reads there.
    pub dark: Rgb,
    /// The chosen colour's lowest contrast on the light pages.
    pub chosen_contrast: f64,
}

impl Accent {
    pub fn of(chosen: Rgb) -> Accent {
        Accent {
            chosen,
            light: readable_toward(chosen, Rgb(0, 0, 0), &LIGHT_SURFACES),
            dark: readable_toward(chosen, Rgb(0xff, 0xff, 0xff), &DARK_SURFACES),
            chosen_contrast: worst(chosen, &LIGHT_SURFACES),
        }
    }

    /// Whether the light pages use another shade than the chosen one.
    pub fn darkened(&self) -> bool {
        self.light != self.chosen
    }
}

/// The stylesheet of the public pages for a chosen colour; empty without
/// one (app.css keeps its own accent).
pub fn stylesheet(color: Option<&str>) -> String {
    let Some(accent) = color.and_then(Rgb::parse).map(Accent::of) else {
        return String::new();
    };
    format!(
        ":root {{ --accent: {}; --accent-ink: #fff; }}\n\
         @media (prefers-color-scheme: dark) {{\n  :root {{ --accent: {}; --accent-ink: #0d1b33; }}\n}}\n",
        accent.light.hex(),
        accent.dark.hex()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_six_hex_digits_are_a_colour() {
        assert_eq!(Rgb::parse("#2458D3"), Some(Rgb(0x24, 0x58, 0xd3)));
        assert_eq!(
            Rgb::parse(" #2458d3 ").map(Rgb::hex).as_deref(),
            Some("#2458d3")
        );
        for bad in [
            "",
            "#",
            "2458d3",
            "#2458d",
            "#2458d3f",
            "#24g8d3",
            "red",
            "#ａｂｃｄｅｆ",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn contrast_is_the_wcag_ratio() {
        let (black, white) = (Rgb(0, 0, 0), Rgb(255, 255, 255));
        assert!((contrast(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast(white, white) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey that passes AA on white.
        assert!(contrast(Rgb(0x76, 0x76, 0x76), white) >= AA);
        assert!(contrast(Rgb(0x77, 0x77, 0x77), white) < AA);
    }

    #[test]
    fn a_readable_colour_is_used_as_it_is() {
        let a = Accent::of(Rgb(0x24, 0x58, 0xd3));
        assert!(!a.darkened());
        assert_eq!(a.light, a.chosen);
        assert!(a.chosen_contrast >= AA);
    }

    #[test]
    fn a_light_colour_is_darkened_until_it_reads_everywhere() {
        let yellow = Rgb(0xff, 0xcc, 0x00);
        let a = Accent::of(yellow);
        assert!(a.darkened());
        assert!(a.chosen_contrast < AA);
        for s in LIGHT_SURFACES {
            assert!(
                contrast(a.light, s) >= AA,
                "{} on {}",
                a.light.hex(),
                s.hex()
            );
        }
        // Darkened, not replaced: still a yellow-brown, red above blue.
        assert!(a.light.0 > a.light.2);
        // And no darker than needed: the step before it does not read.
        let black = Rgb(0, 0, 0);
        let step = (0..=50)
            .position(|k| yellow.toward(black, f64::from(k) / 50.0) == a.light)
            .unwrap();
        assert!(step > 0);
        let before = yellow.toward(black, f64::from(step as u32 - 1) / 50.0);
        assert!(worst(before, &LIGHT_SURFACES) < AA);
    }

    #[test]
    fn dark_pages_get_a_shade_that_reads_there() {
        for c in ["#2458d3", "#000000", "#ffcc00", "#7a1fa2"] {
            let a = Accent::of(Rgb::parse(c).unwrap());
            for s in DARK_SURFACES {
                assert!(
                    contrast(a.dark, s) >= AA,
                    "{c}: {} on {}",
                    a.dark.hex(),
                    s.hex()
                );
            }
            for s in LIGHT_SURFACES {
                assert!(
                    contrast(a.light, s) >= AA,
                    "{c}: {} on {}",
                    a.light.hex(),
                    s.hex()
                );
            }
        }
    }

    #[test]
    fn the_stylesheet_sets_both_schemes_or_nothing() {
        assert_eq!(stylesheet(None), "");
        assert_eq!(stylesheet(Some("not a colour")), "");
        let css = stylesheet(Some("#2458d3"));
        assert!(
            css.starts_with(":root { --accent: #2458d3; --accent-ink: #fff; }"),
            "{css}"
        );
        assert!(css.contains("@media (prefers-color-scheme: dark)"), "{css}");
    }
}
