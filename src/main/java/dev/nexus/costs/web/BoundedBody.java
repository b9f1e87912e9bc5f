package dev.nexus.costs.web;

import dev.nexus.costs.error.NexusException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may not pass a size: reading past it fails with 413, whether or not the client announced
 * the length. Not thread-safe, like any stream.
 */
final class BoundedBody extends FilterInputStream {

    private final long maxBytes;
    private long read;

    BoundedBody(InputStream body, long maxBytes) {
        super(body);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int bytes) {
        read += bytes;
        if (read > maxBytes) {
            throw tooLarge(maxBytes);
        }
    }

    static NexusException tooLarge(long maxBytes) {
        return new NexusException(NexusException.Kind.TOO_LARGE, "payload_too_large",
                "the body is larger than the " + maxBytes / (1024 * 1024) + " MiB the service accepts", null);
    }
}
