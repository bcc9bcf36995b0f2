package dev.ferry.client.ftp;

import java.io.IOException;
import java.net.SocketException;
import org.apache.commons.net.ftp.FTPClient;

/** Commons Net's FTP client with each reply's size capped ({@link ReplyBudgetSocket}). */
final class BoundedFtpClient extends FTPClient {

    private ReplyBudgetSocket budget;

    @Override
    protected void applySocketAttributes() throws SocketException {
        super.applySocketAttributes();
        _socket_ = ReplyBudgetSocket.wrap(_socket_);
        if (_socket_ instanceof ReplyBudgetSocket b) {
            budget = b;
        }
    }

    @Override
    public int sendCommand(String command, String args) throws IOException {
        if (budget != null) {
            budget.renew();
        }
        return super.sendCommand(command, args);
    }
}
