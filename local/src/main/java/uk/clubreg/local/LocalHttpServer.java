package uk.clubreg.local;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on PORT. The API is mounted at "/"; other pages (e.g. a WhatsApp simulator) can be
 * mounted at their own paths, which take precedence for everything under them.
 */
final class LocalHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private LocalHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static LocalHttpServer bind(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 128);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            return new LocalHttpServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on port " + port + " (set PORT to another one)", e);
        }
    }

    LocalHttpServer mount(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    /** For components that mount their own contexts (the WhatsApp simulator). */
    HttpServer httpServer() {
        return server;
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
    }
}
