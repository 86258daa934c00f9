/**
 * The content-addressed artifact store on an S3-compatible object store (AWS S3, Ceph RGW,
 * SeaweedFS, S3Proxy, ...), for deployments where workers run on several machines: objects are
 * keyed by their SHA-256, written with a Content-MD5 so the server rejects damaged uploads, and
 * verified again on every read through a local read-through cache (a
 * {@link io.alloyflow.core.store.FileSystemArtifactStore}), which also gives tools that need a
 * file path their path.
 */
package io.alloyflow.store.s3;
