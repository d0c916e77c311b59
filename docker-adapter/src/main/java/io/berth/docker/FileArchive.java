package io.berth.docker;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The tar stream the engine's archive endpoint takes: one regular file (root-owned, mode 0644 unless said otherwise). */
final class FileArchive {

    private FileArchive() {
    }

    static byte[] single(String name, byte[] content) {
        return single(name, content, 0644, 0, 0);
    }

    /** One regular file with the given permission bits and numeric owner. */
    static byte[] single(String name, byte[] content, int mode, int uid, int gid) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 1024);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setMode(0100000 | (mode & 07777));
            entry.setUserId(uid);
            entry.setGroupId(gid);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("building a tar stream in memory", e);
        }
        return bytes.toByteArray();
    }
}
