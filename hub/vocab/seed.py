"""The first terms of the shared vocabularies (codes are stable; labels may change)."""

ISSUE_TYPES = [
    ("unpaid_wages", "Gaji tidak dibayar atau dipotong", "Unpaid or deducted wages"),
    ("contract_violation", "Pelanggaran kontrak kerja", "Breach of employment contract"),
    (
        "documents_withheld",
        "Dokumen ditahan (paspor, kontrak)",
        "Documents withheld (passport, contract)",
    ),
    (
        "excessive_fees",
        "Biaya penempatan berlebih dan jeratan utang",
        "Excessive placement fees and debt bondage",
    ),
    (
        "violence",
        "Kekerasan fisik, psikis atau seksual",
        "Physical, psychological or sexual violence",
    ),
    ("trafficking", "Perdagangan orang", "Human trafficking"),
    ("undocumented", "Tidak berdokumen / overstay", "Undocumented or overstaying"),
    ("detention", "Ditahan atau menghadapi proses hukum", "Detained or facing legal proceedings"),
    ("repatriation", "Pemulangan dan reintegrasi", "Repatriation and reintegration"),
    ("death_or_injury", "Meninggal dunia atau kecelakaan kerja", "Death or workplace injury"),
    ("social_security", "Jaminan sosial dan asuransi", "Social security and insurance"),
    ("other", "Lainnya", "Other"),
]
