package org.mdms.local.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports for the three services of a test's ./mdms run: distinct, because all are asked of the kernel at once. */
public final class FreePorts {

    private FreePorts() {
    }

    public static List<Integer> distinct(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is free again either way once the socket is gone
                }
            }
        }
    }
}
