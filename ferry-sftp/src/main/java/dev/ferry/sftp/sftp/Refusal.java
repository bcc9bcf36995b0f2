package dev.ferry.sftp.sftp;

/** A request refused with a status the handler chose (bad handle, unsupported, too many handles). */
final class Refusal extends Exception {

    final int code;

    Refusal(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static Refusal badHandle() {
        return new Refusal(Sftp.FX_FAILURE, "Invalid handle");
    }

    static Refusal unsupported(String what) {
        return new Refusal(Sftp.FX_OP_UNSUPPORTED, what + " is not supported");
    }
}
