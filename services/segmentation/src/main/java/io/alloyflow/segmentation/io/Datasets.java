package io.alloyflow.segmentation.io;

import io.alloyflow.core.image.Micrograph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Pairs images with their label masks. PNG and NASA masks are matched by base name: {@code
 * name.ext} matches {@code name.*} or {@code name_mask.*} in the mask directory. VIA annotations
 * are a JSON file (or a directory of them) whose regions are rasterised per image file name.
 */
public final class Datasets {
  private Datasets() {}

  /** An image with its labels (class indices, or instance ids for VIA). */
  public record Labelled(Path image, Micrograph micrograph, int[] labels, List<String> classNames) {}

  /** Loads every image of {@code images} with its mask; sizes must match. */
  public static List<Labelled> load(Path images, Path masks, MaskFormat format, long maxPixels)
      throws IOException {
    List<Path> imgs = ImageInputs.listImages(images);
    List<Labelled> out = new ArrayList<>();
    if (format == MaskFormat.VIA) {
      List<Path> jsons = new ArrayList<>();
      if (Files.isDirectory(masks)) {
        try (Stream<Path> s = Files.list(masks)) {
          s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(jsons::add);
        }
      } else {
        jsons.add(masks);
      }
      Map<String, List<ViaAnnotations.Region>> regions = new java.util.LinkedHashMap<>();
      for (Path j : jsons) {
        ViaAnnotations.read(j).forEach((k, v) -> regions.merge(k, v, (a, b) -> {
          List<ViaAnnotations.Region> l = new ArrayList<>(a);
          l.addAll(b);
          return l;
        }));
      }
      for (Path p : imgs) {
        List<ViaAnnotations.Region> r = regions.get(p.getFileName().toString());
        if (r == null) {
          continue;
        }
        Micrograph m = ImageInputs.readGray(p, maxPixels, Double.NaN);
        out.add(new Labelled(p, m, ViaAnnotations.rasterise(r, m.width(), m.height()),
            List.of("background", "instance")));
      }
      if (out.isEmpty()) {
        throw new SegmentationInputException(masks, "no VIA annotation matches an image in " + images);
      }
      return out;
    }
    for (Path p : imgs) {
      Path mask = findMask(masks, ImageInputs.baseName(p));
      Micrograph m = ImageInputs.readGray(p, maxPixels, Double.NaN);
      Masks.Mask mk =
          format == MaskFormat.NASA ? Masks.readNasa(mask, maxPixels) : Masks.readPng(mask, maxPixels);
      if (mk.width() != m.width() || mk.height() != m.height()) {
        throw new SegmentationInputException(
            mask,
            "mask size "
                + mk.width()
                + "x"
                + mk.height()
                + " does not match image "
                + p.getFileName()
                + " of "
                + m.width()
                + "x"
                + m.height());
      }
      List<String> names;
      if (format == MaskFormat.NASA) {
        names = Masks.NASA_CLASSES;
      } else {
        int max = 0;
        for (int l : mk.labels()) {
          max = Math.max(max, l);
        }
        names = new ArrayList<>();
        for (int c = 0; c <= max; c++) {
          names.add("class" + c);
        }
      }
      out.add(new Labelled(p, m, mk.labels(), names));
    }
    return out;
  }

  /** Finds the mask of an image base name in a directory. */
  public static Path findMask(Path dir, String base) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new SegmentationInputException(dir, "mask directory does not exist");
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> c =
          s.filter(ImageInputs::isImageName)
              .filter(
                  q -> {
                    String b = ImageInputs.baseName(q);
                    return b.equals(base) || b.equals(base + "_mask");
                  })
              .sorted()
              .toList();
      if (c.isEmpty()) {
        throw new SegmentationInputException(
            dir, "no mask named " + base + ".* or " + base + "_mask.* for image " + base);
      }
      return c.get(0);
    }
  }
}
