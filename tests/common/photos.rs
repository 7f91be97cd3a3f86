//! Phone-like photos made in the test: a JPEG whose EXIF holds an
//! orientation tag and a GPS position, as a phone writes it.

use image::{ImageEncoder, Rgb, RgbImage};

/// A test latitude a leak would show: 55°45'N, as written in the EXIF.
pub const GPS_MARK: &[u8] = b"GPS-TEST-MARK";

/// A `w`×`h` picture as stored by the camera: left half red, right half
/// blue, with some texture so that it compresses like a photo.
pub fn stored_pixels(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let t = ((x * 7 + y * 13) % 32) as u8;
        if x < w / 2 {
            Rgb([220 + t / 2, 30 + t, 30])
        } else {
            Rgb([30, 30 + t, 220 + t / 2])
        }
    })
}

/// A JPEG of [`stored_pixels`] with EXIF: `orientation` (6 = rotate 90°
/// clockwise to show) and a GPS block with latitude 55°45'00" N (and a
/// marker string in the GPS processing-method tag).
pub fn phone_jpeg(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(
            stored_pixels(w, h).as_raw(),
            w,
            h,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    with_exif(&plain, &exif(orientation))
}

/// Puts an APP1 EXIF segment right after the JPEG's SOI marker.
pub fn with_exif(jpeg: &[u8], tiff: &[u8]) -> Vec<u8> {
    assert_eq!(&jpeg[..2], &[0xFF, 0xD8]);
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend_from_slice(tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A little-endian TIFF block: IFD0 {Orientation, GPS IFD pointer}, GPS IFD
/// {LatitudeRef N, Latitude 55/1 45/1 0/1, ProcessingMethod marker}.
fn exif(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = b"II*\0".to_vec();
    t.extend_from_slice(&8u32.to_le_bytes());
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_le_bytes());
        t.extend_from_slice(&kind.to_le_bytes());
        t.extend_from_slice(&count.to_le_bytes());
        t.extend_from_slice(&value.to_le_bytes());
    };
    // IFD0 at 8: 2 entries (2 + 24 + 4 bytes) → the GPS IFD at 38.
    t.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
    entry(&mut t, 0x8825, 4, 1, 38);
    t.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD at 38: 3 entries (2 + 36 + 4) → data at 80.
    let data = 80u32;
    t.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, data);
    entry(&mut t, 0x001B, 7, GPS_MARK.len() as u32, data + 24);
    t.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(t.len() as u32, data);
    for (n, d) in [(55u32, 1u32), (45, 1), (0, 1)] {
        t.extend_from_slice(&n.to_le_bytes());
        t.extend_from_slice(&d.to_le_bytes());
    }
    t.extend_from_slice(GPS_MARK);
    t
}

/// True if `bytes` (a JPEG, PNG or WebP file) holds any metadata: a JPEG
/// segment other than JFIF before the scan (EXIF, XMP, ICC, comments), the
/// GPS marker anywhere, WebP EXIF/XMP/ICCP chunks, PNG eXIf/iTXt/tEXt.
pub fn has_metadata(bytes: &[u8]) -> bool {
    let find = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if find(GPS_MARK) || find(b"Exif\0\0") {
        return true;
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 4 <= bytes.len() && bytes[i] == 0xFF {
            let marker = bytes[i + 1];
            if marker == 0xDA {
                return false; // start of scan: no more headers
            }
            let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
            if (0xE1..=0xEF).contains(&marker) || marker == 0xFE {
                return true;
            }
            i += 2 + len;
        }
        return false;
    }
    if bytes.starts_with(b"RIFF") {
        return find(b"EXIF") || find(b"XMP ") || find(b"ICCP");
    }
    find(b"eXIf") || find(b"iTXt") || find(b"tEXt") || find(b"zTXt")
}

/// A small opaque PNG (a diagram, a scanned page).
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            stored_pixels(w, h).as_raw(),
            w,
            h,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}
