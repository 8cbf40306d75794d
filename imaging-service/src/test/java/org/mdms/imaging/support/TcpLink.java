package org.mdms.imaging.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain TCP forwarder placed between imaging-service and a real server (MariaDB or S3Proxy), so a test can make
 * that server vanish the way a crash looks from the network: {@link #cut()} closes every open connection and
 * refuses new ones until {@link #restore()}. {@link #cutAfterUpstreamBytes} and {@link #onUpstreamData} time the
 * cut to the middle of an upload.
 */
public final class TcpLink implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private volatile ServerSocket server;
    private volatile boolean up;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong upstreamBudget = new AtomicLong(-1);
    private final AtomicReference<Runnable> onUpstreamData = new AtomicReference<>();

    public TcpLink(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
        restore();
    }

    public int port() {
        return port;
    }

    public boolean isUp() {
        return up;
    }

    /** The server "dies": open connections are reset and new ones refused. */
    public synchronized void cut() {
        up = false;
        upstreamBudget.set(-1);
        onUpstreamData.set(null);
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** The server is back on the same port. */
    public synchronized void restore() throws IOException {
        if (up) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        server = socket;
        up = true;
        Thread acceptor = new Thread(() -> acceptLoop(socket), "tcp-link-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Cut as soon as this many more bytes went from the service to the server. */
    public void cutAfterUpstreamBytes(long bytes) {
        upstreamBudget.set(bytes);
    }

    /** Run {@code action} (once) when the service next sends anything to the server. */
    public void onUpstreamData(Runnable action) {
        onUpstreamData.set(action);
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket target;
                try {
                    target = new Socket(targetHost, targetPort);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                if (!register(socket, client, target)) {
                    // cut() ran while this connection was being made: it must not outlive the cut
                    closeQuietly(client);
                    closeQuietly(target);
                    continue;
                }
                pump(client, target, true);
                pump(target, client, false);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Adds a new connection to the open ones unless the link was cut (or cut and restored) since it was accepted. */
    private synchronized boolean register(ServerSocket acceptedBy, Socket client, Socket target) {
        if (!up || server != acceptedBy) {
            return false;
        }
        open.add(client);
        open.add(target);
        return true;
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (upstream) {
                        Runnable action = onUpstreamData.getAndSet(null);
                        if (action != null) {
                            action.run();
                        }
                        long budget = upstreamBudget.get();
                        if (budget >= 0 && budget - n <= 0) {
                            out.write(buffer, 0, (int) Math.max(0, budget));
                            out.flush();
                            cut();
                            return;
                        }
                        if (budget >= 0) {
                            upstreamBudget.addAndGet(-n);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException closed) {
                // cut, or the peer closed
            } catch (IOException e) {
                // same: the link is gone
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-link-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        cut();
    }
}
