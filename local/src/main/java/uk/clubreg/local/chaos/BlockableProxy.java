package uk.clubreg.local.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of the queue: while blocked, open connections are cut and new ones closed at once, which is
 * what the stack sees of an SQS outage. ElasticMQ keeps its messages meanwhile, as SQS would.
 */
final class BlockableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean blocked;
    private volatile boolean closed;

    private BlockableProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
    }

    static BlockableProxy start(InetSocketAddress upstream) throws IOException {
        BlockableProxy proxy = new BlockableProxy(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()), upstream);
        Thread.ofVirtual().name("queue-proxy").start(proxy::acceptUntilClosed);
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    void block() {
        blocked = true;
        open.forEach(BlockableProxy::quietlyClose);
    }

    void unblock() {
        blocked = false;
    }

    private void acceptUntilClosed() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (blocked) {
                    quietlyClose(client);
                    continue;
                }
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                open.add(client);
                open.add(server);
                Thread.startVirtualThread(() -> pipe(client, server));
                Thread.startVirtualThread(() -> pipe(server, client));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // cut by block() or by either side: both ends are closed below
        } finally {
            quietlyClose(from);
            quietlyClose(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        block();
        listener.close();
    }
}
