package mmcheck.tlc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;

import tlc2.tool.distributed.TLCServer;
import tlc2.tool.distributed.TLCWorker;

/**
 * The child-JVM entry point of distributed TLC: {@code server BIND TLC-ARGS...} runs tlc2.tool.distributed.TLCServer,
 * {@code worker BIND SERVER-HOST} a TLCWorker. Before either starts, every RMI server socket of the JVM (the
 * registry TLCServer creates with LocateRegistry.createRegistry, and each exported server and worker object) is
 * bound to BIND only: TLC itself would listen on all interfaces. With java.rmi.server.hostname set to the same
 * address, the stubs it hands out point there too.
 */
public final class DistributedTlcMain {
    private DistributedTlcMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !(args[0].equals("server") || args[0].equals("worker"))) {
            System.err.println("usage: DistributedTlcMain server|worker BIND-ADDRESS ARGS...");
            System.exit(2);
        }
        InetAddress bind = InetAddress.getByName(args[1]);
        RMISocketFactory.setSocketFactory(new BoundSocketFactory(bind));
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        if (args[0].equals("server")) {
            TLCServer.main(rest);
            // TLCServer leaves its RMI registry exported, which would keep this JVM alive for ever.
            System.exit(0);
        }
        TLCWorker.main(rest);
    }

    /** Server sockets on one address; client sockets as usual. */
    static final class BoundSocketFactory extends RMISocketFactory {
        private final InetAddress bind;

        BoundSocketFactory(InetAddress bind) {
            this.bind = bind;
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, bind);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(host, port);
        }
    }
}
