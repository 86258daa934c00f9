package io.alloyflow.segmentation.morphology;

/**
 * Marker-controlled watershed by priority-queue flooding.
 *
 * <p>Meyer F., 1991, "Un algorithme optimal de ligne de partage des eaux", Proc. 8e congres AFCET
 * RFIA, 847-857; Beucher S. and Meyer F., 1993, "The morphological approach to segmentation: the
 * watershed transformation", in Dougherty (ed.), Mathematical Morphology in Image Processing,
 * Marcel Dekker, 433-481. Marker pixels enter a priority queue keyed on (value, insertion age);
 * each popped pixel labels its unlabelled in-mask neighbours with its own label and pushes them.
 * Ties are broken first-in first-out, which reproduces scikit-image 0.19 {@code watershed}
 * (connectivity 1 or 2, no compactness, no watershed line) pixel for pixel.
 */
public final class Watershed {
  private Watershed() {}

  /**
   * Floods {@code image} from {@code markers}.
   *
   * @param image relief to flood (low values first), e.g. the negated distance transform
   * @param markers initial labels (0 = unlabelled), copied
   * @param mask pixels allowed to be labelled (null = all)
   * @param eightConnected 8-neighbourhood instead of 4
   * @return label per pixel (0 outside the mask or unreachable from any marker)
   */
  public static int[] flood(
      double[] image, int[] markers, byte[] mask, int w, int h, boolean eightConnected) {
    int n = image.length;
    if (markers.length != n || (mask != null && mask.length != n) || (long) w * h != n) {
      throw new IllegalArgumentException(
          "watershed inputs must all hold " + w + "x" + h + " pixels");
    }
    int[] out = markers.clone();
    if (mask != null) {
      for (int i = 0; i < n; i++) {
        if (mask[i] == 0) {
          out[i] = 0;
        }
      }
    }
    // neighbour offsets ordered as scikit-image: by distance, then raveled offset order
    int[] dx;
    int[] dy;
    if (eightConnected) {
      dx = new int[] {0, -1, 1, 0, -1, 1, -1, 1};
      dy = new int[] {-1, 0, 0, 1, -1, -1, 1, 1};
    } else {
      dx = new int[] {0, -1, 1, 0};
      dy = new int[] {-1, 0, 0, 1};
    }
    Heap heap = new Heap(Math.max(16, n / 4));
    for (int i = 0; i < n; i++) {
      if (out[i] != 0) {
        heap.push(image[i], 0, i);
      }
    }
    int age = 1;
    while (heap.size > 0) {
      int i = heap.popIndex();
      int x = i % w;
      int y = i / w;
      int l = out[i];
      for (int k = 0; k < dx.length; k++) {
        int nx = x + dx[k];
        int ny = y + dy[k];
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
          continue;
        }
        int j = ny * w + nx;
        if ((mask != null && mask[j] == 0) || out[j] != 0) {
          continue;
        }
        age++;
        out[j] = l;
        heap.push(image[j], age, j);
      }
    }
    return out;
  }

  /** Binary min-heap on (value, age) with parallel primitive arrays. */
  static final class Heap {
    double[] val;
    int[] age;
    int[] idx;
    int size;

    Heap(int cap) {
      val = new double[cap];
      age = new int[cap];
      idx = new int[cap];
    }

    private boolean less(int a, int b) {
      return val[a] < val[b] || (val[a] == val[b] && age[a] < age[b]);
    }

    void push(double v, int a, int i) {
      if (size == val.length) {
        int cap = val.length * 2;
        val = java.util.Arrays.copyOf(val, cap);
        age = java.util.Arrays.copyOf(age, cap);
        idx = java.util.Arrays.copyOf(idx, cap);
      }
      // sift up with a hole instead of swaps
      int c = size++;
      while (c > 0) {
        int p = (c - 1) >> 1;
        if (v < val[p] || (v == val[p] && a < age[p])) {
          val[c] = val[p];
          age[c] = age[p];
          idx[c] = idx[p];
          c = p;
        } else {
          break;
        }
      }
      val[c] = v;
      age[c] = a;
      idx[c] = i;
    }

    int popIndex() {
      int top = idx[0];
      size--;
      if (size > 0) {
        double v = val[size];
        int a = age[size];
        int i = idx[size];
        int c = 0;
        while (true) {
          int l = 2 * c + 1;
          if (l >= size) {
            break;
          }
          int m = l;
          if (l + 1 < size && less(l + 1, l)) {
            m = l + 1;
          }
          if (val[m] < v || (val[m] == v && age[m] < a)) {
            val[c] = val[m];
            age[c] = age[m];
            idx[c] = idx[m];
            c = m;
          } else {
            break;
          }
        }
        val[c] = v;
        age[c] = a;
        idx[c] = i;
      }
      return top;
    }
  }
}
