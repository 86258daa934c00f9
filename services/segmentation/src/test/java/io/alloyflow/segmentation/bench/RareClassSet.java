package io.alloyflow.segmentation.bench;

import io.alloyflow.core.image.Micrograph;
import io.alloyflow.segmentation.filters.Filters;
import io.alloyflow.segmentation.io.Datasets;
import io.alloyflow.segmentation.io.ImageInputs;
import io.alloyflow.segmentation.io.MaskFormat;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The 5-class rare-class benchmark set of issue 17: what a user brings to {@code train
 * segmentation}, about 30 labelled JPEG micrographs with five classes, two of them rare.
 *
 * <p><b>How it is made</b> (everything seeded; the same seed gives byte-identical files). Tiles of
 * {@value #TILE} x {@value #TILE} pixels are cut at seeded positions from the real NASA Ni-based
 * superalloy SEM images and their masks (shared data, MIT): {@value #TRAIN_TILES} training tiles
 * from {@code Super1/train} and {@code Super1/val} (image i mod 14), {@value #TEST_TILES} held-out
 * tiles from {@code Super1/test} (two per image; no source image is shared between the splits).
 * Classes 0-2 are the real labels: gamma matrix, secondary and tertiary gamma-prime (tertiary is
 * itself rare, about 2 % of the pixels). Two synthetic rare classes are inserted into each tile:
 *
 * <ul>
 *   <li>class 3, <b>MC carbides</b>: blocky convex polygons (4-7 vertices, circumradius 5-13 px,
 *       aspect 1-2.2, random orientation), 0-8 per tile, brighter than the local matrix by 20-38
 *       grey levels (1.5-3 times the matrix/gamma-prime contrast of these images), as the Ta/Hf/Ti
 *       rich carbides of superalloys are in backscattered-electron images (atomic-number
 *       contrast; Reed R.C., 2006, The Superalloys, Cambridge University Press, ch. 3);
 *   <li>class 4, <b>pores</b>: irregular ellipses (radius 2.5-7 px modulated by two random
 *       angular harmonics), 2-11 per tile, at 0.35-0.6 of the local matrix level with a 1-pixel
 *       bright rim (+8..+18 grey, the secondary-electron edge effect; Goldstein J.I. et al., 2018,
 *       Scanning Electron Microscopy and X-Ray Microanalysis, 4th ed., Springer, ch. 4), the rim
 *       labelled as whatever lies beneath it.
 * </ul>
 *
 * Each inserted object keeps the image's own noise and texture: its value is the target level
 * plus the residual of the tile about its Gaussian smoothing (sigma 2 px), and it is blended in
 * with a soft edge (its binary shape blurred with sigma 0.8 px, the blur of the image itself);
 * pixels whose blend weight exceeds 0.5 carry the new class. Objects do not touch each other (a
 * 2-pixel gap). Images are written as 8-bit grey JPEG at quality 0.85 (what a user's camera
 * software writes) and masks as 8-bit PNG whose value is the class index. A {@code README.txt}
 * in the output states the recipe, the seed and the class fractions of each split.
 */
public final class RareClassSet {
  private RareClassSet() {}

  public static final int TILE = 256;
  public static final int TRAIN_TILES = 22;
  public static final int TEST_TILES = 8;
  public static final List<String> CLASSES =
      List.of("matrix", "secondary", "tertiary", "carbide", "pore");

  /** Usage: {@code RareClassSet NASA_SUPER_DIR OUT_DIR [SEED=17]}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: RareClassSet NASA_SUPER_DIR OUT_DIR [SEED=17]");
      System.exit(2);
    }
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 17L;
    double[][] f = write(Path.of(args[0]), Path.of(args[1]), seed, TRAIN_TILES, TEST_TILES);
    System.out.printf(Locale.ROOT, "train fractions %s%ntest fractions %s%n", fmt(f[0]), fmt(f[1]));
  }

  /**
   * Writes the set under {@code out}: {@code train/images}, {@code train/masks}, {@code
   * test/images}, {@code test/masks} and {@code README.txt}; returns the class fractions of the
   * training and test splits.
   */
  public static double[][] write(Path nasaSuper, Path out, long seed, int trainTiles,
      int testTiles) throws IOException {
    List<Datasets.Labelled> pool = new ArrayList<>();
    pool.addAll(load(nasaSuper.resolve("Super1/train"), nasaSuper.resolve("Super1/train_annot")));
    pool.addAll(load(nasaSuper.resolve("Super1/val"), nasaSuper.resolve("Super1/val_annot")));
    List<Datasets.Labelled> test =
        load(nasaSuper.resolve("Super1/test"), nasaSuper.resolve("Super1/test_annot"));
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] trainF = split(pool, trainTiles, 1, out.resolve("train"), rnd.split());
    double[] testF = split(test, testTiles, 2, out.resolve("test"), rnd.split());
    String readme = String.format(Locale.ROOT,
        "alloyflow 5-class rare-class benchmark set (issue 17), seed %d%n"
            + "Made by io.alloyflow.segmentation.bench.RareClassSet (see its javadoc for the"
            + " recipe) from the NASA superalloy data (Super1 train+val -> train, Super1 test ->"
            + " test) with synthetic MC carbides (class 3) and pores (class 4) inserted.%n"
            + "classes: 0 %s, 1 %s, 2 %s, 3 %s, 4 %s%n"
            + "train: %d tiles %dx%d, class fractions %s%n"
            + "test:  %d tiles %dx%d, class fractions %s%n",
        seed, CLASSES.get(0), CLASSES.get(1), CLASSES.get(2), CLASSES.get(3), CLASSES.get(4),
        trainTiles, TILE, TILE, fmt(trainF), testTiles, TILE, TILE, fmt(testF));
    Files.writeString(out.resolve("README.txt"), readme, StandardCharsets.UTF_8);
    return new double[][] {trainF, testF};
  }

  private static List<Datasets.Labelled> load(Path images, Path masks) throws IOException {
    return Datasets.load(images, masks, MaskFormat.NASA, ImageInputs.DEFAULT_MAX_PIXELS);
  }

  /** Writes {@code n} tiles cut from {@code sources} (tile i from source i / perSource). */
  private static double[] split(List<Datasets.Labelled> sources, int n, int perSource, Path dir,
      SplittableRandom rnd) throws IOException {
    Files.createDirectories(dir.resolve("images"));
    Files.createDirectories(dir.resolve("masks"));
    long[] count = new long[CLASSES.size()];
    for (int i = 0; i < n; i++) {
      Datasets.Labelled src = sources.get((i / perSource) % sources.size());
      Micrograph g = src.micrograph();
      int x0 = rnd.nextInt(g.width() - TILE + 1);
      int y0 = rnd.nextInt(g.height() - TILE + 1);
      float[] img = new float[TILE * TILE];
      int[] lab = new int[TILE * TILE];
      for (int y = 0; y < TILE; y++) {
        for (int x = 0; x < TILE; x++) {
          img[y * TILE + x] = g.pixels()[(y0 + y) * g.width() + x0 + x];
          lab[y * TILE + x] = src.labels()[(y0 + y) * g.width() + x0 + x];
        }
      }
      insertRareClasses(img, lab, TILE, TILE, rnd);
      String name = String.format(Locale.ROOT, "tile_%02d", i);
      writeJpeg(img, TILE, TILE, dir.resolve("images/" + name + ".jpg"));
      writeMask(lab, TILE, TILE, dir.resolve("masks/" + name + ".png"));
      for (int l : lab) {
        count[l]++;
      }
    }
    double[] f = new double[count.length];
    for (int c = 0; c < f.length; c++) {
      f[c] = count[c] / (double) ((long) n * TILE * TILE);
    }
    return f;
  }

  /** Inserts carbides (class 3) and pores (class 4) in place; see the class javadoc. */
  static void insertRareClasses(float[] img, int[] lab, int w, int h, SplittableRandom rnd) {
    float[] smooth = Filters.gaussian(img, w, h, 2.0);
    double matrixSum = 0;
    long matrixN = 0;
    for (int i = 0; i < img.length; i++) {
      if (lab[i] == 0) {
        matrixSum += smooth[i];
        matrixN++;
      }
    }
    double matrixLevel = matrixN > 0 ? matrixSum / matrixN : mean(smooth);
    boolean[] taken = new boolean[w * h];
    int carbides = rnd.nextInt(9);
    for (int k = 0; k < carbides; k++) {
      double r = 5 + 8 * rnd.nextDouble();
      double aspect = 1 + 1.2 * rnd.nextDouble();
      double theta = Math.PI * rnd.nextDouble();
      int nv = 4 + rnd.nextInt(4);
      double[] ang = new double[nv];
      for (int v = 0; v < nv; v++) {
        ang[v] = 2 * Math.PI * (v + 0.35 * rnd.nextDouble()) / nv;
      }
      double delta = 20 + 18 * rnd.nextDouble();
      place(img, lab, smooth, taken, w, h, rnd, (int) Math.ceil(r * aspect) + 3, (dx, dy) -> {
        // rotate into the polygon frame, undo the aspect, test against the convex polygon
        double u = (dx * Math.cos(theta) + dy * Math.sin(theta)) / aspect;
        double v = -dx * Math.sin(theta) + dy * Math.cos(theta);
        return insideConvex(u, v, ang, r);
      }, 3, (float) (matrixLevel + delta), 0f, 1f);
    }
    int pores = 2 + rnd.nextInt(10);
    for (int k = 0; k < pores; k++) {
      double r = 2.5 + 4.5 * rnd.nextDouble();
      double e = 1 + 0.6 * rnd.nextDouble();
      double theta = Math.PI * rnd.nextDouble();
      double a2 = 0.15 * rnd.nextDouble();
      double p2 = 2 * Math.PI * rnd.nextDouble();
      double a3 = 0.12 * rnd.nextDouble();
      double p3 = 2 * Math.PI * rnd.nextDouble();
      double level = (0.35 + 0.25 * rnd.nextDouble()) * matrixLevel;
      float rim = (float) (8 + 10 * rnd.nextDouble());
      place(img, lab, smooth, taken, w, h, rnd, (int) Math.ceil(r * e * 1.3) + 3, (dx, dy) -> {
        double u = (dx * Math.cos(theta) + dy * Math.sin(theta)) / e;
        double v = -dx * Math.sin(theta) + dy * Math.cos(theta);
        double phi = Math.atan2(v, u);
        double rr = r * (1 + a2 * Math.cos(2 * phi + p2) + a3 * Math.cos(3 * phi + p3));
        return u * u + v * v <= rr * rr;
      }, 4, (float) level, rim, 0.5f);
    }
  }

  @FunctionalInterface
  private interface Shape {
    boolean inside(double dx, double dy);
  }

  /**
   * Places one object at a seeded free position (up to 60 tries; none placed when all collide):
   * value = level + noiseGain x residual, blended by the blurred shape; an optional bright rim
   * one pixel outside the shape.
   */
  private static void place(float[] img, int[] lab, float[] smooth, boolean[] taken, int w, int h,
      SplittableRandom rnd, int half, Shape shape, int cls, float level, float rim,
      float noiseGain) {
    int side = 2 * half + 1;
    for (int attempt = 0; attempt < 60; attempt++) {
      int cx = half + rnd.nextInt(Math.max(1, w - 2 * half));
      int cy = half + rnd.nextInt(Math.max(1, h - 2 * half));
      float[] m = new float[side * side];
      int area = 0;
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          if (shape.inside(x - half, y - half)) {
            m[y * side + x] = 1f;
            area++;
          }
        }
      }
      if (area < 6 || collides(m, side, cx - half, cy - half, taken, w, h)) {
        continue;
      }
      float[] ring = new float[side * side];
      if (rim > 0) {
        for (int y = 1; y < side - 1; y++) {
          for (int x = 1; x < side - 1; x++) {
            int i = y * side + x;
            if (m[i] == 0 && (m[i - 1] > 0 || m[i + 1] > 0 || m[i - side] > 0
                || m[i + side] > 0)) {
              ring[i] = 1f;
            }
          }
        }
        ring = Filters.gaussian(ring, side, side, 0.8);
      }
      float[] alpha = Filters.gaussian(m, side, side, 0.8);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int gx = cx - half + x;
          int gy = cy - half + y;
          if (gx < 0 || gy < 0 || gx >= w || gy >= h) {
            continue;
          }
          int gi = gy * w + gx;
          int li = y * side + x;
          float a = alpha[li];
          float resid = img[gi] - smooth[gi];
          float inserted = level + noiseGain * resid;
          img[gi] = a * inserted + (1 - a) * (img[gi] + rim * ring[li]);
          if (a > 0.5f) {
            lab[gi] = cls;
          }
          if (m[li] > 0) {
            taken[gi] = true;
          }
        }
      }
      return;
    }
  }

  /** True when the shape, dilated by 2 pixels, meets an object already placed. */
  private static boolean collides(float[] m, int side, int ox, int oy, boolean[] taken, int w,
      int h) {
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        if (m[y * side + x] == 0) {
          continue;
        }
        for (int dy = -2; dy <= 2; dy++) {
          for (int dx = -2; dx <= 2; dx++) {
            int gx = ox + x + dx;
            int gy = oy + y + dy;
            if (gx >= 0 && gy >= 0 && gx < w && gy < h && taken[gy * w + gx]) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Point-in-polygon for the convex polygon with vertices at angles {@code ang}, radius r. */
  private static boolean insideConvex(double u, double v, double[] ang, double r) {
    int n = ang.length;
    for (int i = 0; i < n; i++) {
      double ax = r * Math.cos(ang[i]);
      double ay = r * Math.sin(ang[i]);
      double bx = r * Math.cos(ang[(i + 1) % n]);
      double by = r * Math.sin(ang[(i + 1) % n]);
      if ((bx - ax) * (v - ay) - (by - ay) * (u - ax) < 0) {
        return false;
      }
    }
    return true;
  }

  private static double mean(float[] a) {
    double s = 0;
    for (float v : a) {
      s += v;
    }
    return s / a.length;
  }

  private static void writeJpeg(float[] img, int w, int h, Path file) throws IOException {
    BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster r = bi.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        r.setSample(x, y, 0, Math.max(0, Math.min(255, Math.round(img[y * w + x]))));
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam p = writer.getDefaultWriteParam();
    p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    p.setCompressionQuality(0.85f);
    Files.deleteIfExists(file);
    try (ImageOutputStream os = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(os);
      writer.write(null, new IIOImage(bi, null, null), p);
    } finally {
      writer.dispose();
    }
  }

  private static void writeMask(int[] lab, int w, int h, Path file) {
    BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster r = bi.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        r.setSample(x, y, 0, lab[y * w + x]);
      }
    }
    try {
      if (!ImageIO.write(bi, "png", file.toFile())) {
        throw new IOException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fmt(double[] f) {
    StringBuilder b = new StringBuilder("[");
    for (int c = 0; c < f.length; c++) {
      b.append(c > 0 ? ", " : "").append(CLASSES.get(c)).append(' ')
          .append(String.format(Locale.ROOT, "%.4f", f[c]));
    }
    return b.append(']').toString();
  }
}
