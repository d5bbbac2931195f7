"""The cryptographic core of signed rulings. Composes ``cryptography``; no home-made crypto.

ECDSA P-256 with SHA-256 throughout, so openssl, PDF readers and pyHanko verify it.

* ``keys``      member key pairs: generate, store encrypted (PKCS#8) in a Keystore,
                unlock with the passphrase (``WrongPassphrase``), CSRs, ``SoftwareSigner``
* ``pkcs11``    the same for hardware tokens (python-pkcs11; import only when used)
* ``ca``        the central board's CA: ``init_ca``/``open_ca``, ``issue``, ``revoke``, ``crl``
* ``pki``       the certificate profile (board binding in the subject), chain checks
* ``bundle``    ruling payload → member signatures → sealed bundle; ``verify_bundle``
* ``ledger``    each board's hash chain of sealed rulings, signed head, ``verify_ledger``
* ``openssl_export``  files + README commands that plain ``openssl`` verifies
* ``report``    failed checks with English and Persian messages

Modules are imported explicitly (nothing is re-exported here) so importing one part
never loads an optional dependency such as python-pkcs11.
"""
