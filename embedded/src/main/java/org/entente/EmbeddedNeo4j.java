package org.entente;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community in this JVM with Bolt on 127.0.0.1, for Entente's Node process to own.
 *
 * <p>Protocol with the parent: configuration arrives in ENTENTE_NEO4J_* environment variables
 * (the password never on the command line, where `ps` would show it); one JSON line on stdout
 * reports {"event":"ready"} or {"event":"error"}; the JVM shuts the database down when stdin
 * reaches end-of-file, so it cannot outlive its parent even if the parent is killed.
 */
public final class EmbeddedNeo4j {
    private EmbeddedNeo4j() {}

    private static volatile DatabaseManagementService service;

    public static void main(String[] args) {
        long started = System.nanoTime();
        // Watch the parent from the first moment: a parent that dies during start-up must not
        // leave a database running that nobody owns.
        Thread watcher = new Thread(() -> {
            waitForParent();
            System.exit(0);
        }, "entente-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            DatabaseManagementService running = service;
            if (running != null) running.shutdown();
        }, "entente-neo4j-shutdown"));

        Map<String, String> env = System.getenv();
        Path home = Path.of(required(env, "ENTENTE_NEO4J_HOME")).toAbsolutePath();
        int boltPort = Integer.parseInt(required(env, "ENTENTE_NEO4J_BOLT_PORT"));
        String password = required(env, "ENTENTE_NEO4J_PASSWORD");
        Path plugins = Path.of(required(env, "ENTENTE_NEO4J_PLUGINS")).toAbsolutePath();
        long pageCacheMb = Long.parseLong(env.getOrDefault("ENTENTE_NEO4J_PAGECACHE_MB", "256"));

        try {
            service = new DatabaseManagementServiceBuilder(home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.plugin_dir, plugins)
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Bolt waits 5 s for connections and 5 s for its threads on shutdown; our
                    // owner closes its driver before stopping us, so there is nothing to wait for.
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                    .build();
        } catch (Throwable e) {
            failStartup(e);
            return;
        }
        try {
            setPassword(service, password);
            GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            String apoc = db.executeTransactionally("RETURN apoc.version() AS v", Map.of(),
                    r -> String.valueOf(r.next().get("v")));
            long ms = (System.nanoTime() - started) / 1_000_000;
            emit("{\"event\":\"ready\",\"boltPort\":" + boltPort + ",\"neo4j\":\"" + neo4jVersion(db)
                    + "\",\"apoc\":\"" + json(apoc) + "\",\"startupMs\":" + ms + "}");
        } catch (Throwable e) {
            emit("{\"event\":\"error\",\"code\":\"NEO4J_START_FAILED\",\"message\":\"" + json(describe(e)) + "\"}");
            System.exit(3);
        }
        // The watcher thread ends the process (and, through the shutdown hook, the database).
        try {
            watcher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first start creates the neo4j user with a password that must change; set ours instead. */
    private static void setPassword(DatabaseManagementService service, String password) {
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $p CHANGE NOT REQUIRED",
                    Map.of("p", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to its current value: that is the normal restart case.
            if (!String.valueOf(describe(e)).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static String neo4jVersion(GraphDatabaseService db) {
        return db.executeTransactionally(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v", Map.of(),
                r -> String.valueOf(r.next().get("v")));
    }

    private static void waitForParent() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // the parent writes nothing; reading only detects that its end of the pipe closed
            }
        } catch (IOException ignored) {
            // a broken pipe means the parent is gone, same as end-of-file
        }
    }

    private static void failStartup(Throwable e) {
        String code = "NEO4J_START_FAILED";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                code = "PORT_IN_USE";
                break;
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains("locked by another process") || m.contains("store_lock")) {
                code = "DATA_DIR_LOCKED";
                break;
            }
            if (t instanceof java.nio.file.AccessDeniedException || m.contains("Permission denied")) {
                code = "DATA_DIR_NOT_WRITABLE";
                break;
            }
        }
        emit("{\"event\":\"error\",\"code\":\"" + code + "\",\"message\":\"" + json(describe(e)) + "\"}");
        System.exit(2);
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return sb.toString();
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isEmpty()) {
            emit("{\"event\":\"error\",\"code\":\"NEO4J_START_FAILED\",\"message\":\"missing " + name + "\"}");
            System.exit(2);
        }
        return v;
    }

    private static synchronized void emit(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }

}
