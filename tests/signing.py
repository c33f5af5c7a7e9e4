"""Digital signatures for the tests: a certificate made here, as a Vietnamese signing tool
would hold one, and a PDF signed with it in place, as such a tool signs."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers


@dataclass(frozen=True)
class Authority:
    """A certificate authority made in the test, as the Government's CA issues signers'
    certificates: its certificate (PEM, for the trusted roots) and its key."""

    certificate: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        ]
    )


def _usage(**allowed: bool) -> x509.KeyUsage:
    flags = [
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
        "encipher_only",
        "decipher_only",
    ]
    return x509.KeyUsage(**{flag: allowed.get(flag, False) for flag in flags})


def make_authority(name: str = "CA thử nghiệm Chính phủ") -> Authority:
    """Return a root certificate authority of its own."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = _name(name, "Ban Cơ yếu Chính phủ")
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Authority(certificate, key)


def make_signer(
    name: str = "Trần Minh Trọng",
    organisation: str = "Công an tỉnh Đắk Lắk",
    authority: Authority | None = None,
):
    """Return a signer whose certificate names the person and organisation: self-made, or
    issued by the authority."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = _name(name, organisation)
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(authority.certificate.subject if authority else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        # As a signing certificate is issued: for signatures the signer cannot deny.
        .add_extension(_usage(digital_signature=True, content_commitment=True), critical=True)
        .sign(authority.key if authority else key, hashes.SHA256())
    )
    return signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(
            certificate.public_bytes(serialization.Encoding.DER)
        ),
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        cert_registry=None,
    )


def signed(pdf: bytes, signer, field: str = "ChuKy2") -> bytes:
    """Sign the PDF in its field, appending to it as signing tools do."""
    out = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    signers.sign_pdf(
        writer, signers.PdfSignatureMetadata(field_name=field), signer=signer, output=out
    )
    return out.getvalue()
