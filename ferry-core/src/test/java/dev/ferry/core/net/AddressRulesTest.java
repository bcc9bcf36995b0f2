package dev.ferry.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressRulesTest {

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void networksAreWrittenInFullWithAsciiDigits() {
        assertThat(Cidr.parse("10.1.2.0/24")).isEqualTo(Cidr.parse("10.1.2.77/24"));
        assertThat(Cidr.parse("2001:db8::/32").toString()).startsWith("2001:db8:");
        for (String odd : new String[] {"1.2.3", "01.02.03.04", "10.0.0.0/\u0668", "10.0.0.0/+8", "1.2.3.4/33", "example.com", ""}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cidr.parse(odd)).as(odd).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void allowListsAdmitOnlyThemAndDenyWins() throws Exception {
        AddressRules r = new AddressRules(Cidr.parseList("10.0.0.0/8,2001:db8::/32"), Cidr.parseList("10.6.0.0/16"));
        assertThat(r.admits(ip("10.1.2.3"))).isTrue();
        assertThat(r.admits(ip("::ffff:10.1.2.3"))).isTrue();
        assertThat(r.admits(ip("2001:db8::5"))).isTrue();
        assertThat(r.admits(ip("10.6.1.1"))).isFalse();
        assertThat(r.admits(ip("192.0.2.1"))).isFalse();
        assertThat(AddressRules.ANY.admits(ip("192.0.2.1"))).isTrue();
        assertThat(new AddressRules(List.of(), Cidr.parseList("192.0.2.0/24")).admits(ip("192.0.2.1"))).isFalse();
    }
}
