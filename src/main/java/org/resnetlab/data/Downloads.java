package org.resnetlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Downloads that never leave a file looking complete when it is not: HTTPS only, written to a temporary file
 * beside the target, MD5-verified, then moved into place atomically.
 */
public final class Downloads {
    private Downloads() {}

    /** Returns {@code target}, downloading it first unless it is already there with the right MD5. */
    public static Path fetch(URI uri, Path target, String md5) {
        if (Files.isRegularFile(target)) {
            String actual = md5(target);
            if (actual.equalsIgnoreCase(md5)) {
                return target;
            }
            throw new DataException("Cached file " + target + " has MD5 " + actual + " instead of " + md5
                    + "; delete it so it is downloaded again.");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new DataException("Refusing to download " + uri + " for " + target + " over " + uri.getScheme()
                    + "; only HTTPS downloads are allowed.");
        }
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DataException("Cannot download " + uri + " to " + target + " (" + e.getMessage()
                    + "); check the network or put the file there yourself.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("Download of " + uri + " to " + target + " was interrupted; run again.", e);
        }
        if (!"https".equalsIgnoreCase(response.uri().getScheme())) {
            throw new DataException("Refusing " + uri + " for " + target + ": it redirected to " + response.uri()
                    + ", which is not HTTPS; download the file yourself.");
        }
        if (response.statusCode() != 200) {
            throw new DataException("Download of " + uri + " for " + target + " failed with HTTP status "
                    + response.statusCode() + "; try again later or put the file there yourself.");
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream body = response.body()) {
            return saveVerified(body, length, target, md5, uri.toString());
        } catch (IOException e) {
            throw new DataException("Download of " + uri + " to " + target + " broke off (" + e.getMessage()
                    + "); run again.", e);
        }
    }

    /**
     * Copies {@code in} to a temporary file beside {@code target} with a progress bar, checks its MD5 and only
     * then moves it to {@code target}; on any failure the temporary file is removed and nothing is at {@code target}.
     */
    public static Path saveVerified(InputStream in, long length, Path target, String md5, String source) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, target.getFileName() + ".", ".part");
        try {
            MessageDigest digest = newMd5();
            try (DigestInputStream digesting = new DigestInputStream(in, digest);
                 OutputStream out = Files.newOutputStream(temporary);
                 ProgressBar bar = new ProgressBarBuilder().setTaskName(target.getFileName().toString())
                         .setInitialMax(length).setUnit("MB", 1 << 20).showSpeed().build()) {
                byte[] buffer = new byte[1 << 16];
                int read;
                while ((read = digesting.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    bar.stepBy(read);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(md5)) {
                throw new DataException("Download of " + source + " has MD5 " + actual + " instead of the published "
                        + md5 + ", so it was not saved to " + target + "; run again or fetch the file yourself.");
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** MD5 of a file as lower-case hex. */
    public static String md5(Path file) {
        MessageDigest digest = newMd5();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + " (" + e.getMessage() + "); check the path.", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
