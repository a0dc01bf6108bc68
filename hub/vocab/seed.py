"""The seed terms of the shared vocabularies (codes are stable; labels may change).

Each list holds (code, label_id, label_en) in display order. `THESAURI` maps every
vocabulary code to its list; data migrations and tests loop over it.
"""

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

# Every issue type of a complaint is also a case type, with the same code and label, so a
# case grown from a complaint keeps its classification; the structural LBH types follow.
CASE_TYPES = [
    *(term for term in ISSUE_TYPES if term[0] != "other"),
    ("land_conflict", "Konflik agraria dan sengketa tanah", "Land and agrarian conflict"),
    (
        "labour_dispute",
        "Perselisihan hubungan industrial (dalam negeri)",
        "Labour dispute (domestic)",
    ),
    ("forced_eviction", "Penggusuran paksa", "Forced eviction"),
    ("domestic_violence", "Kekerasan dalam rumah tangga (KDRT)", "Domestic violence"),
    ("sexual_violence", "Kekerasan seksual", "Sexual violence"),
    ("violence_against_children", "Kekerasan terhadap anak", "Violence against children"),
    (
        "criminal_defence",
        "Pembelaan tersangka/terdakwa perkara pidana",
        "Criminal defence of a suspect or defendant",
    ),
    ("fair_trial", "Pelanggaran hak atas peradilan yang adil", "Fair trial violation"),
    ("torture", "Penyiksaan dan salah tangkap", "Torture and wrongful arrest"),
    (
        "freedom_of_expression",
        "Kebebasan berpendapat dan berekspresi",
        "Freedom of opinion and expression",
    ),
    (
        "freedom_of_religion",
        "Kebebasan beragama dan berkeyakinan",
        "Freedom of religion and belief",
    ),
    ("discrimination", "Diskriminasi", "Discrimination"),
    ("environment", "Lingkungan hidup", "Environment"),
    ("family_civil", "Perkara keluarga dan perdata", "Family and civil matters"),
    ("other", "Lainnya", "Other"),
]

RIGHTS_VIOLATED = [
    ("right_to_life", "Hak untuk hidup", "Right to life"),
    (
        "freedom_from_torture",
        "Hak untuk bebas dari penyiksaan dan perlakuan kejam, tidak manusiawi atau "
        "merendahkan martabat",
        "Right to be free from torture and cruel, inhuman or degrading treatment",
    ),
    (
        "freedom_from_slavery",
        "Hak untuk bebas dari perbudakan, kerja paksa dan perdagangan orang",
        "Right to be free from slavery, forced labour and trafficking",
    ),
    (
        "right_to_liberty",
        "Hak atas kebebasan pribadi (bebas dari penangkapan dan penahanan sewenang-wenang)",
        "Right to liberty (freedom from arbitrary arrest and detention)",
    ),
    ("right_to_security", "Hak atas rasa aman", "Right to security of person"),
    (
        "freedom_of_movement",
        "Hak atas kebebasan bergerak dan bertempat tinggal",
        "Right to freedom of movement and residence",
    ),
    (
        "right_to_fair_trial",
        "Hak memperoleh keadilan dan peradilan yang adil",
        "Right to justice and a fair trial",
    ),
    ("right_to_legal_aid", "Hak atas bantuan hukum", "Right to legal aid"),
    (
        "equality_before_law",
        "Hak atas persamaan di hadapan hukum",
        "Right to equality before the law",
    ),
    ("non_discrimination", "Hak untuk bebas dari diskriminasi", "Right to non-discrimination"),
    (
        "right_to_privacy",
        "Hak atas privasi dan pelindungan data pribadi",
        "Right to privacy and protection of personal data",
    ),
    (
        "freedom_of_expression",
        "Hak atas kebebasan berpendapat dan berekspresi",
        "Right to freedom of opinion and expression",
    ),
    (
        "freedom_of_assembly",
        "Hak atas kebebasan berkumpul dan berserikat",
        "Right to freedom of assembly and association",
    ),
    (
        "freedom_of_religion",
        "Hak atas kebebasan beragama dan berkeyakinan",
        "Right to freedom of religion and belief",
    ),
    ("right_to_work", "Hak atas pekerjaan", "Right to work"),
    (
        "just_conditions_of_work",
        "Hak atas kondisi kerja yang adil dan layak",
        "Right to just and favourable conditions of work",
    ),
    ("right_to_fair_wages", "Hak atas upah yang adil dan layak", "Right to fair wages"),
    ("right_to_social_security", "Hak atas jaminan sosial", "Right to social security"),
    ("right_to_health", "Hak atas kesehatan", "Right to health"),
    ("right_to_housing", "Hak atas tempat tinggal yang layak", "Right to adequate housing"),
    ("right_to_education", "Hak atas pendidikan", "Right to education"),
    ("right_to_property", "Hak milik (termasuk atas tanah)", "Right to property (including land)"),
    (
        "right_to_healthy_environment",
        "Hak atas lingkungan hidup yang baik dan sehat",
        "Right to a clean and healthy environment",
    ),
    ("rights_of_the_child", "Hak anak", "Rights of the child"),
    ("womens_rights", "Hak perempuan", "Women's rights"),
    (
        "right_to_remedy",
        "Hak atas pemulihan (restitusi, kompensasi, rehabilitasi)",
        "Right to remedy (restitution, compensation, rehabilitation)",
    ),
    ("other", "Lainnya", "Other"),
]

# No "unknown" term: an unknown perpetrator is recorded by leaving the field empty.
PERPETRATOR_TYPES = [
    ("employer", "Majikan / pemberi kerja", "Employer"),
    (
        "placement_agency",
        "Perusahaan Penempatan Pekerja Migran Indonesia (P3MI)",
        "Placement agency (P3MI)",
    ),
    ("foreign_agency", "Agensi di negara penempatan", "Agency in the destination country"),
    ("recruiter", "Calo / sponsor / perekrut perseorangan", "Individual recruiter or broker"),
    ("training_centre", "Lembaga pelatihan kerja (LPK/BLK)", "Job training centre (LPK/BLK)"),
    ("company", "Korporasi / perusahaan", "Company"),
    ("police", "Kepolisian", "Police"),
    ("military", "TNI", "Armed forces"),
    ("immigration", "Petugas imigrasi", "Immigration officer"),
    ("prosecutor_or_judge", "Jaksa atau hakim", "Prosecutor or judge"),
    ("local_government", "Pemerintah daerah atau desa", "Local or village government"),
    ("state_official", "Pejabat atau aparat negara lainnya", "Other state official"),
    (
        "foreign_authority",
        "Aparat negara penempatan",
        "Authorities of the destination country",
    ),
    ("family_member", "Anggota keluarga", "Family member"),
    ("partner", "Suami/istri atau pasangan", "Spouse or partner"),
    ("acquaintance", "Orang yang dikenal (teman, tetangga)", "Acquaintance (friend, neighbour)"),
    ("stranger", "Orang tidak dikenal", "Stranger"),
    ("community_group", "Kelompok masyarakat / ormas", "Community group or mass organisation"),
    ("other", "Lainnya", "Other"),
]

OCCUPATIONS = [
    ("domestic_worker", "Pekerja rumah tangga (PRT)", "Domestic worker"),
    ("caregiver", "Perawat lansia / pengasuh (caregiver)", "Caregiver"),
    ("plantation_worker", "Buruh perkebunan", "Plantation worker"),
    ("factory_worker", "Buruh pabrik", "Factory worker"),
    ("construction_worker", "Pekerja konstruksi / bangunan", "Construction worker"),
    ("ship_crew", "Anak buah kapal (ABK) perikanan", "Fishing vessel crew (ABK)"),
    ("fisher", "Nelayan", "Fisher"),
    ("farmer", "Petani", "Farmer"),
    ("farm_labourer", "Buruh tani", "Farm labourer"),
    ("daily_labourer", "Buruh harian lepas", "Casual day labourer"),
    ("hospitality_worker", "Pekerja hotel, restoran dan jasa", "Hospitality and service worker"),
    ("driver", "Sopir / pengemudi (termasuk ojek daring)", "Driver (including app-based)"),
    ("trader", "Pedagang", "Trader"),
    ("self_employed", "Wiraswasta", "Self-employed"),
    ("private_employee", "Karyawan swasta", "Private sector employee"),
    ("civil_servant", "Aparatur sipil negara (ASN/PNS)", "Civil servant"),
    ("student", "Pelajar / mahasiswa", "Student"),
    ("homemaker", "Mengurus rumah tangga", "Homemaker"),
    ("unemployed", "Tidak bekerja", "Unemployed"),
    ("retired", "Pensiunan", "Retired"),
    ("other", "Lainnya", "Other"),
]

REJECTION_REASONS = [
    ("outside_mandate", "Di luar mandat atau wilayah kerja", "Outside the mandate or working area"),
    (
        "not_eligible",
        "Tidak memenuhi syarat penerima bantuan hukum cuma-cuma",
        "Not eligible for free legal aid",
    ),
    ("conflict_of_interest", "Benturan kepentingan", "Conflict of interest"),
    (
        "incomplete_documents",
        "Dokumen atau keterangan tidak lengkap",
        "Incomplete documents or information",
    ),
    ("client_withdrew", "Pemohon mencabut permohonan", "The applicant withdrew"),
    ("duplicate", "Permohonan ganda", "Duplicate application"),
    ("other", "Lainnya", "Other"),
]

NOT_ACCOMPANIED_REASONS = [
    ("consultation_sufficient", "Cukup dengan konsultasi", "Consultation was sufficient"),
    ("chose_other_provider", "Klien memilih pendamping lain", "Client chose another provider"),
    ("referred_elsewhere", "Dirujuk ke lembaga lain", "Referred to another organisation"),
    ("client_unreachable", "Klien tidak dapat dihubungi", "Client unreachable"),
    ("outside_mandate", "Di luar mandat lembaga", "Outside the mandate"),
    ("no_capacity", "Keterbatasan kapasitas lembaga", "Not enough capacity"),
    ("other", "Lainnya", "Other"),
]

TERMINATION_REASONS = [
    ("goals_met", "Tujuan pendampingan tercapai", "Goals met"),
    ("client_request", "Atas permintaan klien", "At the client's request"),
    ("client_moved", "Klien pindah domisili", "Client moved away"),
    ("period_ended", "Jangka waktu layanan berakhir", "Service period ended"),
    ("client_died", "Klien meninggal dunia", "Client died"),
    ("transferred", "Dialihkan ke lembaga lain", "Transferred to another organisation"),
    ("other", "Lainnya", "Other"),
]

LEGAL_BASES = [
    (
        "uu_18_2017_ppmi",
        "UU No. 18 Tahun 2017 tentang Pelindungan Pekerja Migran Indonesia",
        "Law No. 18 of 2017 on the Protection of Indonesian Migrant Workers",
    ),
    (
        "uu_21_2007_tppo",
        "UU No. 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang",
        "Law No. 21 of 2007 on the Eradication of the Crime of Trafficking in Persons",
    ),
    (
        "uu_23_2004_pkdrt",
        "UU No. 23 Tahun 2004 tentang Penghapusan Kekerasan dalam Rumah Tangga",
        "Law No. 23 of 2004 on the Elimination of Domestic Violence",
    ),
    (
        "uu_35_2014_perlindungan_anak",
        "UU No. 35 Tahun 2014 tentang Perubahan atas UU No. 23 Tahun 2002 tentang "
        "Perlindungan Anak",
        "Law No. 35 of 2014 amending Law No. 23 of 2002 on Child Protection",
    ),
    (
        "uu_11_2012_sppa",
        "UU No. 11 Tahun 2012 tentang Sistem Peradilan Pidana Anak",
        "Law No. 11 of 2012 on the Juvenile Criminal Justice System",
    ),
    (
        "uu_12_2022_tpks",
        "UU No. 12 Tahun 2022 tentang Tindak Pidana Kekerasan Seksual",
        "Law No. 12 of 2022 on Crimes of Sexual Violence",
    ),
    (
        "uu_13_2003_ketenagakerjaan",
        "UU No. 13 Tahun 2003 tentang Ketenagakerjaan",
        "Law No. 13 of 2003 on Manpower",
    ),
    (
        "uu_6_2023_cipta_kerja",
        "UU No. 6 Tahun 2023 tentang Penetapan Perppu No. 2 Tahun 2022 tentang Cipta Kerja "
        "menjadi Undang-Undang",
        "Law No. 6 of 2023 on Job Creation",
    ),
    (
        "uu_2_2004_pphi",
        "UU No. 2 Tahun 2004 tentang Penyelesaian Perselisihan Hubungan Industrial",
        "Law No. 2 of 2004 on Industrial Relations Dispute Settlement",
    ),
    (
        "uu_16_2011_bantuan_hukum",
        "UU No. 16 Tahun 2011 tentang Bantuan Hukum",
        "Law No. 16 of 2011 on Legal Aid",
    ),
    (
        "uu_1_2023_kuhp",
        "UU No. 1 Tahun 2023 tentang Kitab Undang-Undang Hukum Pidana (KUHP)",
        "Law No. 1 of 2023 on the Criminal Code (KUHP)",
    ),
    (
        "kuhap",
        "Kitab Undang-Undang Hukum Acara Pidana (KUHAP)",
        "Code of Criminal Procedure (KUHAP)",
    ),
    (
        "uu_39_1999_ham",
        "UU No. 39 Tahun 1999 tentang Hak Asasi Manusia",
        "Law No. 39 of 1999 on Human Rights",
    ),
    (
        "uu_31_2014_lpsk",
        "UU No. 31 Tahun 2014 tentang Perubahan atas UU No. 13 Tahun 2006 tentang "
        "Perlindungan Saksi dan Korban",
        "Law No. 31 of 2014 amending Law No. 13 of 2006 on Witness and Victim Protection",
    ),
    (
        "uu_27_2022_pdp",
        "UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi",
        "Law No. 27 of 2022 on Personal Data Protection",
    ),
    (
        "uu_6_2011_keimigrasian",
        "UU No. 6 Tahun 2011 tentang Keimigrasian",
        "Law No. 6 of 2011 on Immigration",
    ),
    (
        "uu_6_2012_konvensi_pekerja_migran",
        "UU No. 6 Tahun 2012 tentang Pengesahan Konvensi Internasional tentang Perlindungan "
        "Hak-Hak Seluruh Pekerja Migran dan Anggota Keluarganya",
        "Law No. 6 of 2012 ratifying the International Convention on the Protection of the "
        "Rights of All Migrant Workers and Members of Their Families",
    ),
    (
        "uu_8_2016_disabilitas",
        "UU No. 8 Tahun 2016 tentang Penyandang Disabilitas",
        "Law No. 8 of 2016 on Persons with Disabilities",
    ),
    (
        "uu_5_1960_uupa",
        "UU No. 5 Tahun 1960 tentang Peraturan Dasar Pokok-Pokok Agraria (UUPA)",
        "Law No. 5 of 1960 on Basic Agrarian Principles",
    ),
    (
        "uu_32_2009_pplh",
        "UU No. 32 Tahun 2009 tentang Perlindungan dan Pengelolaan Lingkungan Hidup",
        "Law No. 32 of 2009 on Environmental Protection and Management",
    ),
    (
        "uu_1_1974_perkawinan",
        "UU No. 1 Tahun 1974 tentang Perkawinan (diubah dengan UU No. 16 Tahun 2019)",
        "Law No. 1 of 1974 on Marriage (amended by Law No. 16 of 2019)",
    ),
    ("other", "Peraturan lainnya", "Other regulation"),
]

EDUCATION_LEVELS = [
    ("none", "Tidak/belum sekolah", "No schooling"),
    ("sd_incomplete", "Tidak tamat SD", "Primary school not completed"),
    ("sd", "SD/sederajat", "Primary school"),
    ("smp", "SMP/sederajat", "Junior secondary school"),
    ("sma_smk", "SMA/SMK/sederajat", "Senior secondary or vocational school"),
    ("diploma", "Diploma (D1-D3)", "Diploma (D1-D3)"),
    ("s1", "Sarjana (S1/D4)", "Bachelor's degree"),
    ("s2_s3", "Pascasarjana (S2/S3)", "Master's or doctoral degree"),
    ("unknown", "Tidak diketahui", "Unknown"),
]

# The kinds of UU No. 8 Tahun 2016 tentang Penyandang Disabilitas, sensory ones split.
DISABILITIES = [
    ("physical", "Disabilitas fisik", "Physical disability"),
    ("sensory_visual", "Disabilitas sensorik netra", "Visual impairment"),
    ("sensory_hearing", "Disabilitas sensorik rungu", "Hearing impairment"),
    ("sensory_speech", "Disabilitas sensorik wicara", "Speech impairment"),
    ("intellectual", "Disabilitas intelektual", "Intellectual disability"),
    ("mental", "Disabilitas mental (psikososial)", "Mental (psychosocial) disability"),
    ("multiple", "Disabilitas ganda atau multi", "Multiple disabilities"),
]

# Monthly income in rupiah; each band includes its lower bound and excludes its upper one.
INCOME_BANDS = [
    ("no_income", "Tidak berpenghasilan", "No income"),
    ("under_1m", "< Rp1 juta per bulan", "Under IDR 1 million a month"),
    ("from_1m_to_3m", "Rp1 juta s.d. < Rp3 juta per bulan", "IDR 1 to 3 million a month"),
    ("from_3m_to_5m", "Rp3 juta s.d. < Rp5 juta per bulan", "IDR 3 to 5 million a month"),
    ("from_5m_to_10m", "Rp5 juta s.d. < Rp10 juta per bulan", "IDR 5 to 10 million a month"),
    ("over_10m", "≥ Rp10 juta per bulan", "IDR 10 million a month or more"),
    ("unknown", "Tidak diketahui", "Unknown"),
]

ARRIVAL_CHANNELS = [
    ("walk_in", "Datang langsung ke kantor", "Walk-in at the office"),
    ("portal", "Formulir pengaduan daring (portal)", "Online complaint form (portal)"),
    ("phone", "Telepon", "Phone"),
    ("hotline_whatsapp", "Hotline / WhatsApp", "Hotline or WhatsApp"),
    ("email", "Surat elektronik (email)", "Email"),
    ("social_media", "Media sosial", "Social media"),
    ("referral", "Rujukan dari lembaga lain", "Referral from another organisation"),
    ("outreach", "Penjangkauan oleh paralegal/pendamping", "Outreach by a paralegal or companion"),
    ("other", "Lainnya", "Other"),
]

PROCEEDING_TYPES = [
    ("police_report", "Laporan polisi", "Police report"),
    ("criminal", "Perkara pidana", "Criminal case"),
    ("pretrial", "Praperadilan", "Pre-trial hearing (praperadilan)"),
    ("civil", "Perkara perdata", "Civil case"),
    ("religious_court", "Perkara di Pengadilan Agama", "Religious court case"),
    (
        "labour_court",
        "Pengadilan Hubungan Industrial (PHI)",
        "Industrial relations court (PHI)",
    ),
    (
        "administrative_court",
        "Pengadilan Tata Usaha Negara (PTUN)",
        "Administrative court (PTUN)",
    ),
    (
        "judicial_review",
        "Uji materi di MK atau MA",
        "Judicial review (Constitutional/Supreme Court)",
    ),
    ("bipartite", "Perundingan bipartit", "Bipartite negotiation"),
    (
        "mediation",
        "Mediasi di BP2MI/KemenP2MI atau Disnaker",
        "Mediation at BP2MI/KemenP2MI or the manpower office (Disnaker)",
    ),
    (
        "state_complaint",
        "Pengaduan ke lembaga negara (Komnas HAM, Ombudsman, LPSK)",
        "Complaint to a state body (Komnas HAM, Ombudsman, LPSK)",
    ),
    (
        "non_litigation",
        "Non-litigasi (negosiasi, advokasi kebijakan)",
        "Non-litigation (negotiation, policy advocacy)",
    ),
    ("other", "Lainnya", "Other"),
]

PROCEEDING_STAGES = [
    ("report", "Pelaporan/pengaduan", "Report"),
    ("inquiry", "Penyelidikan", "Preliminary inquiry"),
    ("investigation", "Penyidikan", "Investigation"),
    ("prosecution", "Penuntutan", "Prosecution"),
    ("mediation", "Mediasi/konsiliasi", "Mediation or conciliation"),
    ("first_instance", "Pemeriksaan di pengadilan tingkat pertama", "First instance"),
    ("appeal", "Banding", "Appeal"),
    ("cassation", "Kasasi", "Cassation"),
    ("case_review", "Peninjauan kembali (PK)", "Case review (PK)"),
    ("final_judgment", "Putusan berkekuatan hukum tetap (inkracht)", "Final judgment"),
    ("executed", "Eksekusi putusan", "Judgment executed"),
    (
        "discontinued",
        "Dihentikan (SP3 atau penghentian penuntutan)",
        "Discontinued (investigation or prosecution dropped)",
    ),
    ("settled", "Perdamaian / keadilan restoratif", "Settled (restorative justice)"),
]

LEGAL_STATUSES = [
    ("reported", "Terlapor", "Reported person"),
    ("suspect", "Tersangka", "Suspect"),
    ("defendant", "Terdakwa", "Defendant"),
    ("convicted", "Terpidana", "Convicted"),
    ("acquitted", "Diputus bebas atau lepas", "Acquitted or discharged"),
    ("witness", "Saksi", "Witness"),
    ("documented", "Berdokumen (prosedural)", "Documented (regular)"),
    ("undocumented", "Tidak berdokumen (nonprosedural)", "Undocumented (irregular)"),
    ("overstaying", "Melebihi izin tinggal (overstay)", "Overstaying"),
]

# Read as "person A is <label> person B".
RELATION_TYPES = [
    ("parent", "Orang tua dari", "Parent of"),
    ("child", "Anak dari", "Child of"),
    ("spouse", "Suami/istri dari", "Spouse of"),
    ("partner", "Pasangan (tidak menikah) dari", "Unmarried partner of"),
    ("sibling", "Saudara kandung dari", "Sibling of"),
    ("relative", "Kerabat dari", "Relative of"),
    ("guardian", "Wali dari", "Guardian of"),
    ("employer_of", "Majikan dari", "Employer of"),
    ("recruiter_of", "Perekrut/calo dari", "Recruiter of"),
    ("agent_of", "Agen/sponsor dari", "Agent of"),
    ("colleague", "Rekan kerja dari", "Colleague of"),
    ("neighbour", "Tetangga dari", "Neighbour of"),
    ("friend", "Teman dari", "Friend of"),
    ("legal_representative", "Kuasa hukum dari", "Legal representative of"),
    ("member_of", "Anggota dari (kelompok)", "Member of (group)"),
    ("other", "Lainnya", "Other"),
]

# Follow-up services (seed 004's list, plus what LBH and union offices give).
SERVICE_TYPES = [
    ("legal", "Bantuan hukum", "Legal aid"),
    ("health", "Layanan kesehatan", "Health care"),
    ("psychosocial", "Layanan psikososial/konseling", "Psychosocial support and counselling"),
    ("shelter", "Rumah aman/shelter", "Shelter or safe house"),
    ("repatriation", "Pemulangan", "Repatriation"),
    ("reintegration", "Reintegrasi sosial", "Social reintegration"),
    ("mediation", "Mediasi", "Mediation"),
    ("documents", "Pengurusan dokumen", "Help with documents"),
    ("economic", "Pemberdayaan ekonomi", "Economic empowerment"),
    ("accompaniment", "Pendampingan ke instansi", "Accompaniment to authorities"),
    ("other", "Lainnya", "Other"),
]

# How staff were in touch with the client (seed 003's contact log).
CONTACT_KINDS = [
    ("phone", "Telepon", "Phone call"),
    ("message", "Pesan (WhatsApp/SMS)", "Message (WhatsApp/SMS)"),
    ("video_call", "Panggilan video", "Video call"),
    ("office_meeting", "Pertemuan di kantor", "Meeting at the office"),
    ("home_visit", "Kunjungan rumah", "Home visit"),
    ("outreach", "Penjangkauan", "Outreach visit"),
    ("other", "Lainnya", "Other"),
]

# Plain vocabulary codes (not `Vocabulary`), so data migrations can import this module.
THESAURI = {
    "issue_type": ISSUE_TYPES,
    "case_type": CASE_TYPES,
    "right_violated": RIGHTS_VIOLATED,
    "perpetrator_type": PERPETRATOR_TYPES,
    "occupation": OCCUPATIONS,
    "rejection_reason": REJECTION_REASONS,
    "not_accompanied_reason": NOT_ACCOMPANIED_REASONS,
    "termination_reason": TERMINATION_REASONS,
    "legal_basis": LEGAL_BASES,
    "education": EDUCATION_LEVELS,
    "disability": DISABILITIES,
    "income_band": INCOME_BANDS,
    "arrival_channel": ARRIVAL_CHANNELS,
    "proceeding_type": PROCEEDING_TYPES,
    "proceeding_stage": PROCEEDING_STAGES,
    "legal_status": LEGAL_STATUSES,
    "relation_type": RELATION_TYPES,
    "service_type": SERVICE_TYPES,
    "contact_kind": CONTACT_KINDS,
}
