/**
 * The model registry: trained models stored as content-addressed artifacts, an index of versions
 * with a "current" pointer per property, and the models shipped in the repository's {@code models/}
 * folder, resolved by directory, shipped name or version.
 */
package io.alloyflow.prediction.registry;
