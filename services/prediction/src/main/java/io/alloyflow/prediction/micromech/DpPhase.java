package io.alloyflow.prediction.micromech;

/**
 * One phase of a dual-phase steel for the plane-strain solver.
 *
 * @param name phase name
 * @param elastic isotropic elasticity
 * @param flow hardening law (J2 plasticity)
 * @param criticalVoidGrowth critical Rice-Tracey void growth ln(R/R0)_c at which a material point
 *     fails (&gt; 0)
 */
public record DpPhase(String name, Isotropic elastic, FlowCurve flow, double criticalVoidGrowth) {

  public DpPhase {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("phase name must not be blank");
    }
    if (elastic == null || flow == null) {
      throw new IllegalArgumentException("phase " + name + " needs elasticity and a flow curve");
    }
    if (!(criticalVoidGrowth > 0)) {
      throw new IllegalArgumentException(
          "critical void growth of " + name + " must be positive, found " + criticalVoidGrowth);
    }
  }

  /**
   * Ferrite of a DP590-type steel (0.08 C, 1.5 Mn, 0.3 Si wt%), ferrite grain size 5 um: E = 210
   * GPa, nu = 0.3; Rodriguez-Gutierrez flow curve with sigma0 = 77.7 + 80 Mn + 60 Si = 215.7 MPa,
   * alpha = 0.33, M = 3, mu = 80 GPa, b = 0.25 nm, k_r = 1e-5 / d = 2, L = d = 5 um (parameters as
   * tabulated by Uthaisangsuk et al. 2008 and Ramazani et al. 2012, see {@link FlowCurve}).
   * Critical void growth ln(R/R0)_c = 0.8 for ferrite and 0.25 for martensite: a calibration
   * choice of this project, not a measured value (the model has no separate void-nucleation
   * stage), made so that maps with 10-50 % martensite fail in plane-strain tension at macroscopic
   * strains of about 0.05-0.3, the range of DP steels' local fracture strains reported by e.g.
   * Noguchi et al. 2022 for their GTN labels.
   */
  public static DpPhase ferrite() {
    return new DpPhase(
        "ferrite",
        new Isotropic(210e9, 0.3),
        new FlowCurve(215.7e6, 0.33, 3, 80e9, 2.5e-10, 2.0, 5e-6),
        0.8);
  }

  /**
   * Martensite with 0.4 wt% carbon (0.08 C in 20 % martensite): E = 210 GPa, nu = 0.3;
   * sigma0 = 77.7 + 80 Mn + 60 Si + 3065 C_m - 161 = 1280.7 MPa, k_r = 41, L = 38 nm (Rodriguez and Gutierrez 2003, via Uthaisangsuk et
   * al. 2008). Martensite is less ductile: critical void growth 0.25 (see {@link #ferrite()}).
   */
  public static DpPhase martensite() {
    double sigma0 = 77.7e6 + 80e6 * 1.5 + 60e6 * 0.3 + 3065e6 * 0.4 - 161e6;
    return new DpPhase(
        "martensite",
        new Isotropic(210e9, 0.3),
        new FlowCurve(sigma0, 0.33, 3, 80e9, 2.5e-10, 41, 3.8e-8),
        0.25);
  }
}
