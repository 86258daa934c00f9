/**
 * Neural-network building blocks shared by the services that train DJL models: the compact U-Net
 * ({@link io.alloyflow.nn.UNetBlock}, Ronneberger et al. 2015) used by segmentation on grey
 * micrographs and by fusion on stacked BSE + EDS channels, and the up-sampling they and the
 * prediction service's VQ-VAE decoder need. Blocks only: no data loading, training loops or file
 * formats, which stay with the service that owns the task. Depends on the DJL API alone; the
 * PyTorch engine is chosen by the service at run time. Parameter names are part of the saved-model
 * format, so renaming a child block breaks models already trained.
 */
package io.alloyflow.nn;
