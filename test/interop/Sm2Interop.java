// Bouncy Castle's SM2 (GM/T 0003, default user id 1234567812345678, DER
// signatures) as an independent party for the interoperability test. Reads
// one request a line from standard input, answers one line each:
//   verify <public key hex 04||x||y> <message hex> <DER signature hex>  ->  valid | invalid
//   sign <private key hex> <message hex>                                 ->  <DER signature hex>
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.util.encoders.Hex;

public class Sm2Interop {
  public static void main(String[] args) throws Exception {
    X9ECParameters x9 = GMNamedCurves.getByName("sm2p256v1");
    ECDomainParameters domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    for (String line; (line = in.readLine()) != null; ) {
      String[] a = line.trim().split(" ");
      SM2Signer signer = new SM2Signer();
      if (a[0].equals("verify")) {
        signer.init(false, new ECPublicKeyParameters(x9.getCurve().decodePoint(Hex.decode(a[1])), domain));
        byte[] m = Hex.decode(a[2]);
        signer.update(m, 0, m.length);
        System.out.println(signer.verifySignature(Hex.decode(a[3])) ? "valid" : "invalid");
      } else if (a[0].equals("sign")) {
        signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(new BigInteger(a[1], 16), domain), new SecureRandom()));
        byte[] m = Hex.decode(a[2]);
        signer.update(m, 0, m.length);
        System.out.println(Hex.toHexString(signer.generateSignature()));
      } else {
        System.out.println("error unknown request " + a[0]);
      }
    }
  }
}
