use super::*;
use crate::charts::text_of;
use crate::evaluation::Evaluation;

fn zone(latitude: f64, longitude: f64, change: Option<f64>, most_deprived: bool) -> MapZone {
    MapZone {
        latitude,
        longitude,
        change,
        most_deprived,
    }
}

fn site(name: &str, latitude: f64, mark: Mark, loses: &[&str], gains: &[&str]) -> MapSite {
    MapSite {
        name: name.to_owned(),
        latitude,
        longitude: -2.0,
        mark,
        gains: gains.iter().map(|s| (*s).to_owned()).collect(),
        loses: loses.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// Two zones a degree of latitude apart, one 12 minutes longer and in the most deprived
/// quintile, one 8 minutes quicker; a site that stops offering A&E and one that starts.
fn hand_worked() -> MapData {
    MapData {
        option: "Merger with University Hospitals of North Staffordshire".to_owned(),
        service: "A&E".to_owned(),
        mode: TravelMode::Car,
        zones: vec![
            zone(52.0, -2.0, Some(12.0), true),
            zone(53.0, -2.0, Some(-8.0), false),
        ],
        sites: vec![
            site("Old Hospital", 52.4, Mark::Loses, &["A&E"], &[]),
            site("New Hospital", 52.6, Mark::Gains, &[], &["A&E"]),
        ],
        unplaced_zones: 0,
        unplaced_sites: 0,
        roads: None,
    }
}

fn road(class: MainRoad, points: &[(f64, f64)]) -> RoadLine {
    RoadLine {
        class,
        points: points
            .iter()
            .map(|&(lat, lon)| [microdegrees(lat), microdegrees(lon)])
            .collect(),
    }
}

/// The hand-worked map with a motorway from the southern zone to the northern one, a primary,
/// a secondary and a tertiary road beside it, and a motorway 700 km north, off the map.
fn with_roads() -> MapData {
    let lines = vec![
        road(
            MainRoad::Motorway,
            &[(52.0, -2.0), (52.0005, -2.0), (52.5, -2.0), (53.0, -2.0)],
        ),
        road(MainRoad::Primary, &[(52.2, -2.1), (52.8, -2.1)]),
        road(MainRoad::Secondary, &[(52.2, -1.9), (52.8, -1.9)]),
        road(MainRoad::Tertiary, &[(52.3, -1.95), (52.7, -1.95)]),
        road(MainRoad::Motorway, &[(59.0, -2.0), (59.5, -2.0)]),
    ];
    MapData {
        roads: Some(std::sync::Arc::new(RoadLayer {
            extract: "staffordshire.osm.pbf".to_owned(),
            lines,
        })),
        ..hand_worked()
    }
}

/// The first `d` attribute in `svg`.
fn d_after(svg: &str) -> &str {
    svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap()
}

/// The numbers of a road path's `d`, in pairs.
fn road_points(svg: &str, class: &str) -> Vec<(f64, f64)> {
    let attr = format!("class=\"road-{class}\"");
    let at = svg.find(&attr).unwrap_or_else(|| panic!("no {attr}"));
    d_after(&svg[at..])
        .split(['M', 'L'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (x, y) = p.split_once(' ').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

use crate::model::{MainRoad, RoadLayer, RoadLine, TravelMode, microdegrees};

/// The squares drawn in `colour`, each (left, top, side) in pixels: the band's path is of
/// strokes as wide as they are long, each from the middle of a square's left side.
fn squares_of(svg: &str, colour: RGBColor) -> Vec<(f64, f64, f64)> {
    let attr = format!(
        "<path fill=\"none\" stroke=\"{}\" stroke-width=\"",
        palette::hex(colour)
    );
    let at = svg.find(&attr).unwrap_or_else(|| panic!("no {attr}")) + attr.len();
    let side: f64 = svg[at..].split('"').next().unwrap().parse().unwrap();
    d_after(&svg[at..])
        .split('M')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (xy, long) = p.split_once('h').unwrap();
            assert_eq!(
                long.parse::<f64>().unwrap(),
                side,
                "a square is as long as wide"
            );
            let (x, y) = xy.split_once(' ').unwrap();
            (
                x.parse().unwrap(),
                y.parse::<f64>().unwrap() - side / 2.0,
                side,
            )
        })
        .collect()
}

#[test]
fn changes_fall_in_their_hand_worked_bands() {
    assert_eq!(band(Some(12.0)), 2);
    assert_eq!(BANDS[band(Some(12.0))].0, "5 to 15 min longer");
    assert_eq!(band(Some(-8.0)), 0);
    assert_eq!(band(Some(-5.0)), 1);
    assert_eq!(band(Some(5.0)), 1);
    assert_eq!(band(Some(15.0)), 2);
    assert_eq!(band(Some(30.5)), 4);
    assert_eq!(band(None), BANDS.len());
    assert_eq!(band(Some(f64::NAN)), BANDS.len());
}

#[test]
fn the_twelve_minute_zone_is_coloured_5_to_15_and_outlined_as_most_deprived() {
    let svg = option_map(&hand_worked(), 720).unwrap();
    // One square in the 5-15 band (PuOr's light orange), one in the quicker band.
    let longer = squares_of(&svg, RGBColor(253, 184, 99));
    assert_eq!(longer.len(), 1, "{longer:?}");
    let quicker = squares_of(&svg, RGBColor(94, 60, 153));
    assert_eq!(quicker.len(), 1);
    assert!(!svg.contains("stroke=\"#e66101\""));
    // The outline is that square's, one pixel out on each side.
    let outline_attr =
        "class=\"most-deprived\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.2\" d=\"";
    let at = svg.find(outline_attr).unwrap() + outline_attr.len();
    let outline = svg[at..].split('"').next().unwrap();
    let mut parts = outline[1..].split(|c: char| !c.is_ascii_digit() && c != '-');
    let ox: f64 = parts.next().unwrap().parse().unwrap();
    let oy: f64 = parts.next().unwrap().parse().unwrap();
    let oside: f64 = outline
        .split('h')
        .nth(1)
        .unwrap()
        .split('v')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let (x, y, side) = longer[0];
    assert_eq!((ox, oy, oside), (x - 1.0, y - 1.0, side + 2.0));
    // South is down the page: the 52 degree zone is below the 53 degree one.
    assert!(y > quicker[0].1 + 100.0, "{y} {}", quicker[0].1);
    let text = text_of(&svg);
    for key in [
        "5 to 15 min longer",
        "most deprived fifth",
        "Site that stops offering A&E",
    ] {
        assert!(text.contains(key), "{key}: {text}");
    }
}

#[test]
fn a_site_that_loses_a_service_carries_the_loses_marker_and_says_so() {
    let svg = option_map(&hand_worked(), 720).unwrap();
    assert_eq!(svg.matches("class=\"site-loses\"").count(), 1);
    assert_eq!(svg.matches("class=\"site-gains\"").count(), 1);
    let text = text_of(&svg);
    assert!(text.contains("Old Hospital (loses A&E)"), "{text}");
    assert!(text.contains("New Hospital (gains A&E)"), "{text}");
    // The marker sits between the two zones, 0.4 of the way up from the southern one.
    let loses = &svg[svg.find("class=\"site-loses\"").unwrap()..];
    let cy: f64 = loses
        .split("cy=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let south = squares_of(&svg, RGBColor(253, 184, 99))[0];
    let north = squares_of(&svg, RGBColor(94, 60, 153))[0];
    // A square's centre: its corner plus half its side (whole pixels, as written).
    let y = |(_, top, side): (f64, f64, f64)| top + (side / 2.0).floor();
    let expected = y(south) + 0.4 * (y(north) - y(south));
    assert!((cy - expected).abs() <= 1.5, "{cy} vs {expected}");
}

#[test]
fn the_title_names_the_option_mode_and_service_whole() {
    let svg = option_map(&hand_worked(), 400).unwrap();
    let text = text_of(&svg);
    assert!(
        text.contains("Merger with University Hospitals of North Staffordshire: change in journey time to A&E by car (off-peak), against do minimum"),
        "{text}"
    );
    assert!(crate::charts::font_sizes(&svg).iter().all(|s| *s >= 12.0));
    assert!(text.contains(" km"), "scale bar: {text}");
}

#[test]
fn the_demo_merger_takes_stafford_s_a_and_e_away() {
    let a = crate::demo::appraisal();
    let evaluation = Evaluation::of(&a);
    let t = evaluation.travel().as_ref().unwrap();
    let service = &a.services[0];
    let option = &a.options[1];
    let m = MapData::of(&a, t, &service.code, TravelMode::Car, &option.code).unwrap();
    assert_eq!(m.zones.len(), a.zones.len());
    let stafford = m
        .sites
        .iter()
        .find(|s| s.name == "County Hospital, Stafford")
        .unwrap();
    assert_eq!(stafford.mark, Mark::Loses);
    assert!(stafford.loses.contains(&service.name));
    // Stoke-on-Trent, IMD decile 1, is marked; each zone's change is the engine's.
    let stoke = a
        .zones
        .iter()
        .position(|z| z.name == "Stoke-on-Trent")
        .unwrap();
    assert!(m.zones[stoke].most_deprived);
    let s = t
        .services
        .iter()
        .find(|s| s.service == service.code && s.mode == TravelMode::Car)
        .unwrap();
    let stafford_zone = a.zones.iter().position(|z| z.name == "Stafford").unwrap();
    let change = f64::from(
        s.options[1].zone_minutes[stafford_zone] - s.options[0].zone_minutes[stafford_zone],
    );
    assert!(change > 5.0, "Stafford's A&E journey grows: {change}");
    assert!((m.zones[stafford_zone].change.unwrap() - change).abs() < 1e-9);
    let svg = option_map(&m, 900).unwrap();
    assert!(svg.contains("class=\"site-loses\""));
    let baseline = MapData::of(&a, t, &service.code, TravelMode::Car, &a.options[0].code);
    assert!(matches!(baseline, Err(ChartError::NoData { .. })));
}

/// The hand-worked map is 111.195 km tall at about 4 px a km: the motorway and the primary road
/// show, the secondary (from 6 px a km) and tertiary (from 20) do not. The motorway starts at
/// the southern zone's centre and ends at the northern one's; its second point, 56 m (a
/// quarter of a pixel) from its first, is not drawn. The motorway off the map is left out, and
/// the map credits OpenStreetMap.
#[test]
fn main_roads_are_drawn_where_they_run_as_far_as_the_scale_allows() {
    let m = with_roads();
    let svg = option_map(&m, 720).unwrap();
    assert!(svg.contains("class=\"road-primary\""));
    assert!(!svg.contains("road-secondary") && !svg.contains("road-tertiary"));
    let motorway = road_points(&svg, "motorway");
    assert_eq!(motorway.len(), 3, "{motorway:?}");
    let centre = |(left, top, side): (f64, f64, f64)| (left + side / 2.0, top + side / 2.0);
    let south = centre(squares_of(&svg, RGBColor(253, 184, 99))[0]);
    let north = centre(squares_of(&svg, RGBColor(94, 60, 153))[0]);
    let near = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs() <= 1.0 && (a.1 - b.1).abs() <= 1.0;
    assert!(near(motorway[0], south), "{motorway:?} vs {south:?}");
    assert!(near(motorway[2], north), "{motorway:?} vs {north:?}");
    // About 4 px a km: 111.195 km between the two ends.
    let px_per_km = (motorway[0].1 - motorway[2].1) / 111.195;
    assert!((3.0..6.0).contains(&px_per_km), "{px_per_km}");
    // The motorway path holds the three points above and nothing of the one 700 km north.
    assert_eq!(svg.matches("class=\"road-motorway\"").count(), 1);
    assert!(text_of(&svg).contains("Roads \u{a9} OpenStreetMap contributors"));
    // Without a road layer: no roads, no credit.
    let plain = option_map(&hand_worked(), 720).unwrap();
    assert!(!plain.contains("class=\"roads\"") && !text_of(&plain).contains("OpenStreetMap"));
}

/// Each class from its scale: a national map (about 1 px a km at the pack's width) shows only
/// motorways and trunk roads; a county's (5 px a km) the primary roads too; a town's (25 px a
/// km) every class.
#[test]
fn road_classes_show_from_their_scales() {
    let shown_at = |px: f64| -> Vec<MainRoad> {
        MainRoad::ALL
            .into_iter()
            .filter(|c| roads::shown(*c, px))
            .collect()
    };
    assert_eq!(shown_at(1.0), [MainRoad::Motorway, MainRoad::Trunk]);
    assert_eq!(
        shown_at(5.0),
        [MainRoad::Motorway, MainRoad::Trunk, MainRoad::Primary]
    );
    assert_eq!(shown_at(25.0), MainRoad::ALL);
}

/// A map taller than wide at 1,600 px is about 16 px a km for 111 km: the secondary road shows
/// too; every road lies inside its clipping viewport, under the sites.
#[test]
fn a_larger_map_shows_smaller_roads_under_the_sites() {
    let svg = option_map(&with_roads(), 1600).unwrap();
    assert!(svg.contains("class=\"road-secondary\""));
    assert!(!svg.contains("road-tertiary"));
    let roads = svg.find("class=\"roads\"").unwrap();
    assert!(roads < svg.find("class=\"site-loses\"").unwrap());
    assert!(svg.find("class=\"zones\"").unwrap() < roads);
    assert!(svg[..roads].contains("overflow=\"hidden\""));
}

/// Two zones 1 m apart fall on one pixel: one square is drawn there, of the band drawn last
/// (12 minutes longer covers 8 minutes quicker), outlined as the most deprived one among them
/// is; a zone elsewhere keeps its own square.
#[test]
fn zones_on_one_pixel_are_one_square_of_the_band_on_top() {
    let m = MapData {
        zones: vec![
            zone(52.0, -2.0, Some(-8.0), true),
            zone(52.000_01, -2.0, Some(12.0), false),
            zone(53.0, -2.0, Some(1.0), false),
        ],
        ..hand_worked()
    };
    let svg = option_map(&m, 720).unwrap();
    let longer = squares_of(&svg, RGBColor(253, 184, 99));
    assert_eq!(longer.len(), 1);
    assert!(!svg.contains(&format!(
        "stroke=\"{}\"",
        palette::hex(RGBColor(94, 60, 153))
    )));
    assert_eq!(squares_of(&svg, RGBColor(204, 204, 204)).len(), 1);
    let outline_attr =
        "class=\"most-deprived\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.2\" d=\"";
    let at = svg.find(outline_attr).unwrap() + outline_attr.len();
    let outline = svg[at..].split('"').next().unwrap();
    assert_eq!(outline.matches('M').count(), 1, "{outline}");
    let (x, y, _) = longer[0];
    assert!(
        outline.starts_with(&format!("M{} {}h", x - 1.0, y - 1.0)),
        "{outline}"
    );
}

/// A dense map's cells image: where it is drawn (x, y, width, height), its size in pixels,
/// its pixels' palette entries row by row, and its palette (RGB).
fn cells_image(svg: &str) -> ([f64; 4], (u32, u32), Vec<u8>, Vec<u8>) {
    use base64::Engine as _;
    let image = &svg[svg.find("<image").expect("an image")..];
    let image = &image[..image.find("/>").unwrap()];
    let attribute = |name: &str| {
        let v = &image[image.find(&format!(" {name}=\"")).unwrap() + name.len() + 3..];
        v[..v.find('"').unwrap()].to_owned()
    };
    let place = ["x", "y", "width", "height"].map(|a| attribute(a).parse::<f64>().unwrap());
    assert_eq!(attribute("preserveAspectRatio"), "none");
    assert_eq!(attribute("image-rendering"), "optimizeSpeed");
    let href = attribute("href");
    let png = base64::engine::general_purpose::STANDARD
        .decode(href.strip_prefix("data:image/png;base64,").unwrap())
        .unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(frame.color_type, png::ColorType::Indexed);
    pixels.truncate(frame.buffer_size());
    let palette = reader.info().palette.as_ref().unwrap().to_vec();
    (place, (frame.width, frame.height), pixels, palette)
}

/// On a 3-pixel grid: cell (0, 0) holds a zone 5 to 15 minutes longer and one over 30 longer
/// (drawn on top), cells (1, 0) and (2, 0) one each 5 to 15 longer, cells (0, 1) and (1, 1)
/// one each within 5 minutes, both most deprived: their outline is the 6 by 3 rectangle round
/// them, four edges; cell (3, 3), most deprived alone, is one square. The image covers the
/// 4 by 4 cells from (0, 0), a pixel a cell, empty cells transparent.
#[test]
fn a_dense_map_s_cells_take_the_band_on_top_in_one_image_with_one_outline() {
    let zones = [
        ((0.5, 0.5), 2, false),
        ((2.9, 1.0), 4, false),
        ((4.0, 1.0), 2, false),
        ((7.0, 2.0), 2, false),
        ((1.0, 4.0), 1, true),
        ((5.0, 5.0), 1, true),
        ((10.0, 11.9), 1, true),
    ];
    let (image, outline) = grid::layer(zones.into_iter(), 3).unwrap();
    let (place, size, pixels, palette) = cells_image(&image);
    assert_eq!(place, [0.0, 0.0, 12.0, 12.0]);
    assert_eq!(size, (4, 4));
    #[rustfmt::skip]
    assert_eq!(pixels, [
        5, 3, 3, 0,
        2, 2, 0, 0,
        0, 0, 0, 0,
        0, 0, 0, 2,
    ]);
    for band in 0..=BANDS.len() {
        let c = band_colour(band);
        assert_eq!(palette[3 * (band + 1)..3 * (band + 2)], [c.0, c.1, c.2]);
    }
    assert_eq!(outline, "M9 9h3v3h-3zM0 3h6M0 6h6M0 3v3M6 3v3");
}

/// Over 2,000 zones (a 50 by 41 lattice 0.01 degree apart, every third one most deprived): the
/// map's zones are one image on whole cells, with fewer pixels coloured than zones, and the
/// outline on the same cells.
#[test]
fn a_dense_map_is_drawn_on_a_grid_of_squares() {
    let zones: Vec<MapZone> = (0..2050)
        .map(|i| {
            let (r, c) = (i / 50, i % 50);
            zone(
                52.0 + 0.01 * f64::from(r),
                -2.0 + 0.01 * f64::from(c),
                Some(f64::from(i % 40) - 10.0),
                i % 3 == 0,
            )
        })
        .collect();
    let m = MapData {
        zones,
        ..hand_worked()
    };
    let svg = option_map(&m, 720).unwrap();
    let zones = &svg[svg.find("class=\"zones\"").unwrap()..];
    let zones = &zones[..zones.find("</g>").unwrap()];
    assert!(
        !zones.contains("stroke-width=\"3\" d="),
        "no band paths: {zones:.200}"
    );
    let (place, (w, h), pixels, _) = cells_image(zones);
    let side = place[2] / f64::from(w);
    assert!(side >= 3.0 && side.fract() == 0.0, "{side}");
    assert_eq!(place[3], side * f64::from(h));
    assert_eq!((place[0] % side, place[1] % side), (0.0, 0.0));
    let coloured = pixels.iter().filter(|&&p| p > 0).count();
    assert!(coloured > 1000 && coloured < 2050, "{coloured}");
    assert!(pixels.iter().all(|&p| usize::from(p) <= BANDS.len() + 1));
    let outline = &zones[zones.find("class=\"most-deprived\"").unwrap()..];
    assert!(outline.contains(&format!("h{side}")), "{outline:.200}");
}
