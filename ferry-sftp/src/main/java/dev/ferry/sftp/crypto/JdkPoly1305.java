package dev.ferry.sftp.crypto;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.Key;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JDK's own Poly1305, the one inside its ChaCha20-Poly1305 cipher, which HotSpot runs with
 * vector instructions (AVX-512 IFMA / AVX2 on x86) several times faster than plain Java. The JDK
 * does not export it, so it is reached by reflection, which needs
 * {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED} ({@code bin/ferry} and the
 * test runner pass it). Without it, or on a JDK where it looks different, {@link Poly1305} is used.
 */
final class JdkPoly1305 implements OneTimeMac {

    private static final MethodHandle NEW;
    private static final MethodHandle INIT;
    private static final MethodHandle UPDATE;
    private static final MethodHandle FINISH;

    static {
        MethodHandle n = null, i = null, u = null, f = null;
        try {
            Class<?> c = Class.forName("com.sun.crypto.provider.Poly1305");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
            n = l.findConstructor(c, MethodType.methodType(void.class, boolean.class));
            i = l.findVirtual(c, "engineInit", MethodType.methodType(void.class, Key.class, AlgorithmParameterSpec.class));
            u = l.findVirtual(c, "engineUpdate", MethodType.methodType(void.class, byte[].class, int.class, int.class));
            f = l.findVirtual(c, "engineDoFinal", MethodType.methodType(byte[].class));
            Object probe = n.invoke(false);
            i.invoke(probe, new SecretKeySpec(new byte[32], "Poly1305"), (AlgorithmParameterSpec) null);
        } catch (Throwable e) {
            n = null;
        }
        NEW = n;
        INIT = i;
        UPDATE = u;
        FINISH = f;
    }

    static boolean available() {
        return NEW != null;
    }

    private final Object mac;

    JdkPoly1305() {
        try {
            mac = NEW.invoke(false);
        } catch (Throwable e) {
            throw new IllegalStateException("JDK Poly1305 unavailable", e);
        }
    }

    @Override
    public void init(byte[] key, int off) {
        try {
            INIT.invoke(mac, (Key) new SecretKeySpec(key, off, 32, "Poly1305"), (AlgorithmParameterSpec) null);
        } catch (Throwable e) {
            throw new IllegalStateException("Poly1305 init failed", e);
        }
    }

    @Override
    public void update(byte[] in, int off, int len) {
        try {
            UPDATE.invoke(mac, in, off, len);
        } catch (Throwable e) {
            throw new IllegalStateException("Poly1305 update failed", e);
        }
    }

    @Override
    public void finish(byte[] out, int off) {
        try {
            byte[] tag = (byte[]) FINISH.invoke(mac);
            System.arraycopy(tag, 0, out, off, 16);
        } catch (Throwable e) {
            throw new IllegalStateException("Poly1305 final failed", e);
        }
    }
}
