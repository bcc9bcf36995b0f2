package dev.ferry.client.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.Socket;
import java.net.SocketException;

/** A connected socket that hands every call to another; subclasses change one behaviour. */
abstract class DelegatingSocket extends Socket {

    protected final Socket inner;

    DelegatingSocket(Socket inner) {
        this.inner = inner;
    }

    @Override public int getPort() { return inner.getPort(); }
    @Override public SocketAddress getRemoteSocketAddress() { return inner.getRemoteSocketAddress(); }
    @Override public InetAddress getInetAddress() { return inner.getInetAddress(); }
    @Override public InetAddress getLocalAddress() { return inner.getLocalAddress(); }
    @Override public int getLocalPort() { return inner.getLocalPort(); }
    @Override public SocketAddress getLocalSocketAddress() { return inner.getLocalSocketAddress(); }
    @Override public InputStream getInputStream() throws IOException { return inner.getInputStream(); }
    @Override public OutputStream getOutputStream() throws IOException { return inner.getOutputStream(); }
    @Override public boolean isConnected() { return inner.isConnected(); }
    @Override public boolean isBound() { return inner.isBound(); }
    @Override public boolean isClosed() { return inner.isClosed(); }
    @Override public boolean isInputShutdown() { return inner.isInputShutdown(); }
    @Override public boolean isOutputShutdown() { return inner.isOutputShutdown(); }
    @Override public void shutdownInput() throws IOException { inner.shutdownInput(); }
    @Override public void shutdownOutput() throws IOException { inner.shutdownOutput(); }
    @Override public void setSoTimeout(int timeout) throws SocketException { inner.setSoTimeout(timeout); }
    @Override public int getSoTimeout() throws SocketException { return inner.getSoTimeout(); }
    @Override public void setSoLinger(boolean on, int linger) throws SocketException { inner.setSoLinger(on, linger); }
    @Override public int getSoLinger() throws SocketException { return inner.getSoLinger(); }
    @Override public void setTcpNoDelay(boolean on) throws SocketException { inner.setTcpNoDelay(on); }
    @Override public boolean getTcpNoDelay() throws SocketException { return inner.getTcpNoDelay(); }
    @Override public void setKeepAlive(boolean on) throws SocketException { inner.setKeepAlive(on); }
    @Override public boolean getKeepAlive() throws SocketException { return inner.getKeepAlive(); }
    @Override public void setReceiveBufferSize(int size) throws SocketException { inner.setReceiveBufferSize(size); }
    @Override public int getReceiveBufferSize() throws SocketException { return inner.getReceiveBufferSize(); }
    @Override public void setSendBufferSize(int size) throws SocketException { inner.setSendBufferSize(size); }
    @Override public int getSendBufferSize() throws SocketException { return inner.getSendBufferSize(); }
    @Override public void close() throws IOException { inner.close(); }
}
