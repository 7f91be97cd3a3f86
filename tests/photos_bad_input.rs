//! Bad photos (issue 18): each is processed or named in a Russian error
//! with what to do — never a panic, never a hang.

mod common;

use common::photos::phone_jpeg;
use common::Fixture;
use image::ImageEncoder;

const PAGE: &str = "---\ntitle: Фотоотчёт\n---\n![Фото](foto.jpg)\n";

fn with_photo(name: &str, bytes: &[u8]) -> Fixture {
    let page = PAGE.replace("foto.jpg", name);
    let f = Fixture::new(&[("content/novosti/otchet.md", &page)]);
    f.write_bytes(&format!("content/novosti/{name}"), bytes);
    f
}

/// The build fails with one error naming the file, in Russian, with a hint.
fn fails_with(name: &str, bytes: &[u8], message: &str) -> String {
    let f = with_photo(name, bytes);
    let stderr = f.build_fails(&[]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(&format!("--> content/novosti/{name}")),
        "{stderr}"
    );
    assert!(stderr.contains(message), "{stderr}");
    assert!(stderr.contains("подсказка:"), "{stderr}");
    stderr
}

#[test]
fn a_corrupt_photo_is_a_russian_error() {
    // Cut short inside its headers (a copy broken off), and garbage with a
    // .jpg name.
    let mut bytes = phone_jpeg(800, 600, 1);
    bytes.truncate(300);
    fails_with("foto.jpg", &bytes, "ошибка: не удалось прочитать фото");
    fails_with("musor.jpg", b"not a picture at all", "не картинка");
    // Cut short inside the picture data: shown as far as it goes, as a
    // browser would, with no panic.
    let mut bytes = phone_jpeg(800, 600, 1);
    bytes.truncate(bytes.len() / 3);
    let f = with_photo("polovina.jpg", &bytes);
    f.build(&[]);
    assert!(f
        .read("novosti/otchet/index.html")
        .contains("width=\"800\" height=\"600\""));
}

#[test]
fn a_decompression_bomb_is_refused_by_the_decoder_limits() {
    // A PNG declaring 60000×60000 pixels in a few hundred bytes.
    let mut png = Vec::new();
    png.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&60_000u32.to_be_bytes());
    ihdr.extend_from_slice(&60_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    let started = std::time::Instant::now();
    fails_with("bomba.png", &png, "фото слишком большое");
    // Not a timing test of speed: a hang would never get here at all.
    assert!(started.elapsed().as_secs() < 120);
    // 12000×12000 of a JPEG: within the side limit, past 100 megapixels.
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 10)
        .write_image(
            &vec![128u8; 16 * 16 * 3],
            16,
            16,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    // Patch the frame header's height and width (SOF0: FF C0 len P H W).
    let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    jpeg[sof + 5..sof + 7].copy_from_slice(&12_000u16.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&12_000u16.to_be_bytes());
    fails_with("bomba.jpg", &jpeg, "фото слишком большое");
}

fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend_from_slice(&(data.len() as u32).to_be_bytes());
    png.extend_from_slice(kind);
    png.extend_from_slice(data);
    let mut crc_data = kind.to_vec();
    crc_data.extend_from_slice(data);
    png.extend_from_slice(&crc32(&crc_data).to_be_bytes());
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn heic_from_an_iphone_says_how_to_get_a_jpeg() {
    // The start of an iPhone HEIC file: an ftyp box with the heic brand.
    let mut heic = vec![0, 0, 0, 0x18];
    heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    heic.extend_from_slice(&[0u8; 64]);
    let stderr = fails_with("IMG_0001.HEIC", &heic, "HEIC");
    assert!(stderr.contains("JPEG"), "{stderr}");
}

#[test]
fn a_cmyk_jpeg_and_a_16_bit_png_are_processed() {
    // CMYK as printing houses save it (Adobe APP14), 64×48.
    let cmyk: Vec<u8> = (0..64 * 48)
        .flat_map(|i| [(i % 200) as u8, 40, 200, 10])
        .collect();
    let mut jpeg = Vec::new();
    let encoder = jpeg_encoder::Encoder::new(&mut jpeg, 85);
    encoder
        .encode(&cmyk, 64, 48, jpeg_encoder::ColorType::Cmyk)
        .unwrap();
    // 16 bits per channel, with transparency, 50×40.
    let rgba16: Vec<u8> = (0..50 * 40)
        .flat_map(|i| {
            let v = ((i * 977) % 65536) as u16;
            [v, 30000, 60000, if i % 2 == 0 { 65535 } else { 20000 }]
        })
        .flat_map(u16::to_be_bytes)
        .collect();
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&rgba16, 50, 40, image::ExtendedColorType::Rgba16)
        .unwrap();
    let page = "---\ntitle: Фотоотчёт\n---\n![Плакат](plakat.jpg)\n\n![Схема](skhema.png)\n";
    let f = Fixture::new(&[("content/novosti/otchet.md", page)]);
    f.write_bytes("content/novosti/plakat.jpg", &jpeg);
    f.write_bytes("content/novosti/skhema.png", &png);
    f.build(&[]);
    let html = f.read("novosti/otchet/index.html");
    assert!(html.contains("width=\"64\" height=\"48\""), "{html}");
    // Transparent: WebP with alpha and a PNG fallback.
    assert!(html.contains("skhema-50w.png 50w"), "{html}");
    let plakat = image::open(f.public("novosti/plakat-64w.jpg")).unwrap();
    assert_eq!(plakat.color(), image::ColorType::Rgb8);
    let skhema = image::open(f.public("novosti/skhema-50w.png")).unwrap();
    assert!(skhema.color().has_alpha());
    assert!(image::open(f.public("novosti/skhema-50w.webp"))
        .unwrap()
        .color()
        .has_alpha());
}
