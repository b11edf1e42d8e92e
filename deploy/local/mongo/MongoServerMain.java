import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import org.h2.mvstore.MVStore;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs mongo-java-server as a standalone process for deploy/local: the library ships no main class.
 * Usage: MongoServerMain --host 127.0.0.1 --port 27017 --data <file.mv> | --memory
 * The H2 backend keeps every database in one MVStore file; a clean stop (SIGTERM) commits and
 * closes it, a kill loses at most the store's last auto-commit interval (about one second).
 * MVStore frees a chunk once no version younger than its retention time needs it; a scan that
 * outlives that (45 s by default, seen on a starved machine as "Chunk ... not found") would read a
 * freed chunk, so unused chunks are kept for RETENTION_MS (two minutes) instead: longer would keep
 * the file growing under heavy writes.
 */
public final class MongoServerMain {
  private static final int RETENTION_MS = 120_000;

  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 27017;
    String data = null;
    boolean memory = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--data" -> data = args[++i];
        case "--memory" -> memory = true;
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    if (!memory && data == null) throw new IllegalArgumentException("give --data <file> or --memory");

    MongoBackend backend;
    if (memory) {
      backend = new MemoryBackend();
    } else {
      Path file = Path.of(data).toAbsolutePath();
      Files.createDirectories(file.getParent());
      MVStore store = new MVStore.Builder().fileName(file.toString()).open();
      store.setRetentionTime(RETENTION_MS);
      backend = new H2Backend(store);
    }
    MongoServer server = new MongoServer(backend);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("mongo-java-server: stopping");
      server.shutdown(); // closes the backend too, which commits the H2 store
      stopped.countDown();
    }, "shutdown"));
    server.bind(host, port);
    System.err.println("mongo-java-server: listening on " + host + ":" + port + " backend " + backend);
    stopped.await();
  }
}
