package org.mdms.local;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * S3Proxy's filesystem store writes an object to a temporary file and renames it into place, but never calls fsync:
 * after a power cut an object already answered 200 can be missing or empty. This store syncs the object's file
 * (data and the xattrs holding its metadata) and every folder from the object up to the store's root before the
 * call returns, so S3Proxy answers a PUT, a copy or a completed multipart upload only once it is on disk. Deletes
 * sync the folder, so a deleted object does not come back.
 */
final class DurableBlobStore extends ForwardingBlobStore {

    private final Path root;

    DurableBlobStore(BlobStore filesystem, Path root) {
        super(filesystem);
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public CreateBucketResponse createContainer(CreateBucketRequest request) {
        CreateBucketResponse response = super.createContainer(request);
        syncFoldersUpToRoot(root.resolve(request.bucket()));
        return response;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        PutObjectResponse response = super.putBlob(request, payload);
        syncObject(request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        syncObject(request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
                                                                   CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        syncObject(upload.containerName(), upload.blobName());
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        DeleteObjectResponse response = super.removeBlob(request);
        Path object = objectPath(request.bucket(), request.key());
        Path folder = object.getParent();
        while (folder != null && folder.startsWith(root) && !Files.isDirectory(folder)) {
            folder = folder.getParent(); // S3Proxy removes folders a delete left empty
        }
        if (folder != null && folder.startsWith(root)) {
            syncFoldersUpToRoot(folder);
        }
        return response;
    }

    private void syncObject(String bucket, String key) {
        Path object = objectPath(bucket, key);
        try {
            Fsync.file(object);
        } catch (NoSuchFileException replacedOrDeleted) {
            // a concurrent write or delete of the same key: that call syncs its own outcome
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + object, e);
        }
        syncFoldersUpToRoot(object.getParent());
    }

    /** New folders (a bucket, a key prefix) are entries of their parents: each level is synced. */
    private void syncFoldersUpToRoot(Path folder) {
        try {
            for (Path dir = folder; dir != null && dir.startsWith(root); dir = dir.getParent()) {
                try {
                    Fsync.directory(dir);
                } catch (NoSuchFileException removed) {
                    // a concurrent delete emptied and removed it: its parent still records that
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + folder, e);
        }
    }

    /** Where S3Proxy's filesystem store keeps an object: root/bucket/key (it refuses keys leaving the bucket). */
    Path objectPath(String bucket, String key) {
        return root.resolve(bucket).resolve(key).normalize();
    }
}
