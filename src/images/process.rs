//! One photo: decode with limits, orient, resize, encode. Only pixels pass
//! from the decoder to the encoders, so no metadata of the source (EXIF with
//! GPS, XMP, camera serial numbers, ICC profiles) can reach the output.

use super::Error;
use fast_image_resize::{images::Image, FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// The largest photo accepted: 100 megapixels, 16384 px a side. A phone
/// takes 12–50 MP; a "decompression bomb" declares far more in a few bytes.
const MAX_SIDE: u32 = 16_384;
const MAX_PIXELS: u64 = 100_000_000;
/// Memory the decoder may take for one photo (100 MP of RGBA is 400 MB).
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// One encoded size.
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    pub webp: Vec<u8>,
    pub fallback: Vec<u8>,
}

/// The fallback format: JPEG, or PNG for a picture with transparency.
pub fn fallback_ext(alpha: bool) -> &'static str {
    if alpha {
        "png"
    } else {
        "jpg"
    }
}

/// Decodes `bytes` and encodes every size of `widths` narrower than the
/// photo, plus the photo's own width if it is narrower than the largest.
/// Returns the sizes, smallest first, and whether the picture is transparent.
pub fn photo(bytes: &[u8], widths: &[u32], quality: u8) -> Result<(Vec<Encoded>, bool), Error> {
    // A decoder bug must not take the whole build down with it.
    std::panic::catch_unwind(|| encode_all(decode(bytes)?, widths, quality)).unwrap_or_else(|_| {
        Err(Error {
            message: "не удалось прочитать фото: файл повреждён".into(),
            hint: "откройте фото в редакторе и сохраните заново как JPEG",
        })
    })
}

fn decode(bytes: &[u8]) -> Result<DynamicImage, Error> {
    if is_heic(bytes) {
        return Err(Error {
            message: "фото в формате HEIC (так снимает iPhone): сайты его не показывают".into(),
            hint: "сохраните фото как JPEG: на iPhone — Настройки → Камера → Форматы → «Наиболее совместимый», или экспортируйте из «Фото»",
        });
    }
    let corrupt = || Error {
        message: "не удалось прочитать фото: файл повреждён или это не картинка".into(),
        hint: "откройте фото в редакторе и сохраните заново как JPEG или PNG",
    };
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| corrupt())?;
    if reader.format().is_none() {
        return Err(Error {
            message: "файл с расширением картинки — не картинка в JPEG, PNG или WebP".into(),
            hint: "сохраните фото как JPEG или PNG",
        });
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = reader;
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| too_big(&e).unwrap_or_else(corrupt))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS || decoder.total_bytes() > MAX_ALLOC {
        return Err(bomb(w, h));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img =
        DynamicImage::from_decoder(decoder).map_err(|e| too_big(&e).unwrap_or_else(corrupt))?;
    img.apply_orientation(orientation);
    Ok(img)
}

fn too_big(e: &image::ImageError) -> Option<Error> {
    matches!(e, image::ImageError::Limits(_)).then(|| Error {
        message: "фото слишком большое: больше 100 мегапикселей или 16384 точек по стороне".into(),
        hint: "уменьшите фото в редакторе до 4000–6000 точек по длинной стороне",
    })
}

fn bomb(w: u32, h: u32) -> Error {
    Error {
        message: format!("фото слишком большое: {w}×{h} точек (больше 100 мегапикселей)"),
        hint: "уменьшите фото в редакторе до 4000–6000 точек по длинной стороне",
    }
}

/// HEIC/HEIF: an ISO-BMFF `ftyp` box with a HEIF brand.
fn is_heic(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1"
        )
}

fn encode_all(
    img: DynamicImage,
    widths: &[u32],
    quality: u8,
) -> Result<(Vec<Encoded>, bool), Error> {
    let alpha = img.color().has_alpha() && img.to_rgba8().pixels().any(|p| p.0[3] < 255);
    let (pixel, channels) = if alpha {
        (PixelType::U8x4, 4)
    } else {
        (PixelType::U8x3, 3)
    };
    let (w, h) = (img.width(), img.height());
    let buf = if alpha {
        img.into_rgba8().into_raw()
    } else {
        img.into_rgb8().into_raw()
    };
    let max = widths.iter().copied().max().unwrap_or(w);
    let mut targets: Vec<u32> = widths.iter().copied().filter(|&t| t < w).collect();
    targets.push(w.min(max));
    targets.sort_unstable();
    targets.dedup();
    let failed = |_: fast_image_resize::ImageBufferError| Error {
        message: "не удалось уменьшить фото".into(),
        hint: "откройте фото в редакторе и сохраните заново как JPEG",
    };
    // Largest first, each smaller size from the previous one: less work
    // than resizing the full photo every time, and no visible difference.
    let mut out = Vec::with_capacity(targets.len());
    let mut src = Image::from_vec_u8(w, h, buf, pixel).map_err(failed)?;
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    for &tw in targets.iter().rev() {
        let th = ((u64::from(src.height()) * u64::from(tw) + u64::from(src.width()) / 2)
            / u64::from(src.width()))
        .max(1) as u32;
        if tw != src.width() {
            let mut dst = Image::new(tw, th, pixel);
            resizer
                .resize(&src, &mut dst, &options)
                .map_err(|_| Error {
                    message: "не удалось уменьшить фото".into(),
                    hint: "откройте фото в редакторе и сохраните заново как JPEG",
                })?;
            src = dst;
        }
        let (tw, th) = (src.width(), src.height());
        out.push(Encoded {
            width: tw,
            height: th,
            webp: webp(src.buffer(), tw, th, channels, quality)?,
            fallback: fallback(src.buffer(), tw, th, alpha, quality)?,
        });
    }
    out.reverse();
    Ok((out, alpha))
}

fn webp(buf: &[u8], w: u32, h: u32, channels: usize, quality: u8) -> Result<Vec<u8>, Error> {
    let encoder = if channels == 4 {
        webp::Encoder::from_rgba(buf, w, h)
    } else {
        webp::Encoder::from_rgb(buf, w, h)
    };
    encoder
        .encode_simple(false, f32::from(quality))
        .map(|m| m.to_vec())
        .map_err(|_| Error {
            message: "не удалось сохранить фото в WebP".into(),
            hint: "откройте фото в редакторе и сохраните заново как JPEG",
        })
}

fn fallback(buf: &[u8], w: u32, h: u32, alpha: bool, quality: u8) -> Result<Vec<u8>, Error> {
    let failed = |_| Error {
        message: "не удалось сохранить уменьшенную копию фото".into(),
        hint: "откройте фото в редакторе и сохраните заново как JPEG",
    };
    let mut out = Vec::new();
    if alpha {
        use image::ImageEncoder;
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(buf, w, h, image::ExtendedColorType::Rgba8)
            .map_err(|_| failed(()))?;
    } else {
        let (w16, h16) = (
            u16::try_from(w).map_err(|_| failed(()))?,
            u16::try_from(h).map_err(|_| failed(()))?,
        );
        let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
        encoder.set_progressive(true);
        encoder.set_optimized_huffman_tables(true);
        encoder
            .encode(buf, w16, h16, jpeg_encoder::ColorType::Rgb)
            .map_err(|_| failed(()))?;
    }
    Ok(out)
}
