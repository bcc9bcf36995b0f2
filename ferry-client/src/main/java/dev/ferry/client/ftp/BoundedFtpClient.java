package dev.ferry.client.ftp;

import java.io.IOException;
import java.net.SocketException;
import org.apache.commons.net.ftp.FTPClient;

/** Commons Net's FTP client with each reply's size capped ({@link ReplyBudgetSocket}). */
final class BoundedFtpClient extends FTPClient {

    private final ReplyBudgetSocket.Holder budget = new ReplyBudgetSocket.Holder();

    @Override
    protected void applySocketAttributes() throws SocketException {
        super.applySocketAttributes();
        _socket_ = budget.wrap(_socket_);
    }

    @Override
    public int sendCommand(String command, String args) throws IOException {
        budget.renew();
        return super.sendCommand(command, args);
    }
}
