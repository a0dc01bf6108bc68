"""The first version of the rights pages (network admins edit them afterwards in the admin).

Each topic: (slug, title_id, title_en, summary_id, summary_en, body_id, body_en). Plain text:
a blank line between paragraphs, "- " for list items. Based on UU 18/2017 on the Protection
of Indonesian Migrant Workers (PPMI) and the practice of the network's member organisations.
"""

TOPICS = [
    (
        "kontrak-kerja",
        "Kontrak kerja",
        "Your work contract",
        "Anda berhak atas perjanjian kerja tertulis yang Anda pahami, sebelum berangkat.",
        "You have the right to a written contract you understand, before you leave.",
        """Sebelum berangkat, Anda berhak menandatangani perjanjian kerja dengan pemberi kerja, dalam bahasa yang Anda pahami, dan menyimpan salinannya sendiri (UU 18/2017 tentang Pelindungan Pekerja Migran Indonesia).

Perjanjian kerja harus menyebut paling sedikit:
- nama dan alamat pemberi kerja;
- jenis pekerjaan dan tempat kerja;
- gaji, cara dan waktu pembayarannya;
- jam kerja, hari libur dan cuti;
- lama kontrak dan cara memperpanjang atau mengakhirinya;
- jaminan sosial dan asuransi.

Jika di tempat kerja Anda diminta menandatangani kontrak baru yang lebih buruk, atau pekerjaan Anda tidak sesuai kontrak, itu pelanggaran. Simpan foto kontrak di ponsel dan kirim salinannya ke keluarga.

Jika kontrak Anda dilanggar, Anda bisa mengadu lewat situs ini. Lampirkan foto kontrak jika ada.""",
        """Before you leave, you have the right to sign a work contract with your employer, in a language you understand, and to keep your own copy (Law 18/2017 on the Protection of Indonesian Migrant Workers).

The contract must state at least:
- the employer's name and address;
- the kind of work and where it is done;
- the wage, how and when it is paid;
- working hours, days off and leave;
- how long the contract runs and how it is renewed or ended;
- social security and insurance.

If at work you are asked to sign a new, worse contract, or your work is not what the contract says, that is a violation. Keep a photo of the contract on your phone and send a copy to your family.

If your contract is broken, you can complain on this site. Attach a photo of the contract if you have one.""",
    ),
    (
        "gaji",
        "Gaji tidak dibayar atau dipotong",
        "Unpaid or cut wages",
        "Gaji harus dibayar penuh dan tepat waktu, sesuai kontrak.",
        "Wages must be paid in full and on time, as the contract says.",
        """Gaji Anda harus dibayar penuh, tepat waktu, dan sesuai kontrak. Potongan yang tidak tertulis di kontrak, atau gaji yang ditahan "sampai akhir kontrak", tidak dibenarkan.

Yang sebaiknya Anda simpan:
- foto slip gaji atau bukti transfer;
- catatan sendiri: bulan apa saja yang belum dibayar, dan berapa;
- pesan dari majikan atau agensi tentang gaji.

Anda dapat meminta bantuan perwakilan RI (KBRI/KJRI) di negara tempat Anda bekerja, dinas ketenagakerjaan setempat, atau organisasi anggota jaringan ini. Keluarga Anda di Indonesia juga dapat mengadu untuk Anda.""",
        """Your wage must be paid in full, on time and as the contract says. Deductions the contract does not mention, or wages held back "until the end of the contract", are not allowed.

What you should keep:
- photos of payslips or transfer receipts;
- your own notes: which months are unpaid, and how much;
- messages from the employer or agency about your wage.

You can ask for help from the Indonesian embassy or consulate (KBRI/KJRI) in the country where you work, the local labour department, or a member organisation of this network. Your family in Indonesia can also complain for you.""",
    ),
    (
        "dokumen-ditahan",
        "Paspor dan dokumen ditahan",
        "Passport and documents held",
        "Paspor adalah milik Anda. Majikan atau agensi tidak boleh menahannya.",
        "Your passport is yours. An employer or agency may not keep it.",
        """Paspor, visa, kontrak dan kartu identitas adalah milik Anda. Majikan, agensi atau perusahaan penempatan (P3MI) tidak boleh menahannya tanpa persetujuan Anda, dan harus mengembalikannya jika Anda minta.

Menahan paspor dapat menjadi tanda kerja paksa atau perdagangan orang.

Yang dapat Anda lakukan:
- simpan foto paspor, visa dan kontrak di ponsel dan di email;
- minta paspor Anda kembali dan catat tanggal Anda memintanya;
- hubungi KBRI/KJRI: mereka dapat membantu, termasuk membuat dokumen pengganti.""",
        """Your passport, visa, contract and identity card are yours. An employer, agency or placement company (P3MI) may not keep them without your consent, and must give them back when you ask.

Keeping a passport can be a sign of forced labour or trafficking.

What you can do:
- keep photos of your passport, visa and contract on your phone and in your e-mail;
- ask for your passport back and note the date you asked;
- contact the Indonesian embassy or consulate (KBRI/KJRI): they can help, including with replacement documents.""",
    ),
    (
        "biaya-dan-utang",
        "Biaya penempatan dan utang",
        "Placement fees and debt",
        "Pekerja migran tidak boleh dibebani biaya penempatan yang tidak sah.",
        "Migrant workers may not be charged unlawful placement fees.",
        """Menurut UU 18/2017, pekerja migran tidak boleh dibebani biaya penempatan. Untuk banyak jenis pekerjaan, biaya itu ditanggung pemberi kerja. Pungutan di luar ketentuan, atau potongan gaji berbulan-bulan untuk "melunasi" biaya, dapat dilaporkan.

Simpan bukti setiap pembayaran: kuitansi, bukti transfer, atau pesan yang menyebut jumlahnya. Catat siapa yang menerima uang itu: calo, sponsor, P3MI atau agensi di luar negeri.

Utang yang membuat Anda tidak bisa berhenti bekerja atau pulang adalah jeratan utang. Itu dapat menjadi bagian dari perdagangan orang. Anda tidak sendirian: adukan.""",
        """Under Law 18/2017, migrant workers may not be charged placement fees. For many kinds of work, the employer pays them. Charges beyond the rules, or months of wage deductions to "repay" fees, can be reported.

Keep proof of every payment: receipts, transfer slips, or messages naming the amount. Note who received the money: a broker, a sponsor, the placement company (P3MI) or an agency abroad.

A debt that keeps you from leaving your job or going home is debt bondage. It can be part of trafficking. You are not alone: complain.""",
    ),
    (
        "kekerasan",
        "Kekerasan dan pelecehan",
        "Violence and abuse",
        "Tidak ada yang boleh memukul, mengancam atau melecehkan Anda. Keselamatan Anda yang utama.",
        "Nobody may hit, threaten or abuse you. Your safety comes first.",
        """Tidak ada majikan, agensi atau siapa pun yang boleh memukul, mengancam, mengurung, atau melecehkan Anda secara seksual. Keselamatan Anda yang utama.

Jika Anda dalam bahaya sekarang:
- hubungi polisi setempat atau nomor darurat negara tempat Anda bekerja;
- hubungi KBRI/KJRI: mereka dapat menampung Anda di tempat aman (shelter);
- jika bisa, pergilah ke tempat umum yang ramai.

Jika aman, simpan bukti: foto luka, pesan ancaman, dan catatan tanggal kejadian. Pemeriksaan dokter (visum) membantu jika kasusnya dibawa ke polisi.

Saat mengadu, katakan kapan dan bagaimana aman menghubungi Anda. Kami tidak akan menelepon jika Anda bilang jangan.""",
        """No employer, agency or anyone else may hit, threaten, lock up or sexually abuse you. Your safety comes first.

If you are in danger now:
- call the local police or the emergency number of the country where you work;
- contact the Indonesian embassy or consulate (KBRI/KJRI): they can take you to a safe shelter;
- if you can, go to a busy public place.

When it is safe, keep evidence: photos of injuries, threatening messages, and notes of the dates. A doctor's examination (visum) helps if the case goes to the police.

When you complain, tell us when and how it is safe to contact you. We will not phone you if you say not to.""",
    ),
    (
        "perdagangan-orang",
        "Perdagangan orang",
        "Trafficking",
        "Dibohongi, dijerat utang, dan tidak bisa pergi: itu tanda perdagangan orang.",
        "Deceived, trapped by debt, unable to leave: these are signs of trafficking.",
        """Perdagangan orang adalah kejahatan (UU 21/2007). Tanda-tandanya antara lain:
- Anda dijanjikan satu pekerjaan tetapi dipaksa melakukan pekerjaan lain;
- paspor Anda ditahan dan Anda tidak boleh keluar;
- Anda dijerat utang yang tidak pernah lunas;
- Anda diberangkatkan tanpa dokumen resmi atau lewat jalur yang tidak resmi;
- Anda diancam, atau keluarga Anda diancam.

Korban perdagangan orang berhak atas perlindungan, pemulangan, dan bantuan hukum, tanpa dihukum karena status imigrasinya.

Anda atau keluarga Anda dapat mengadu lewat situs ini. Organisasi anggota jaringan akan membantu melapor ke polisi dan mendampingi Anda.""",
        """Trafficking in persons is a crime (Law 21/2007). Its signs include:
- you were promised one job but forced to do another;
- your passport is held and you may not go out;
- you are trapped by a debt that never ends;
- you were sent abroad without official documents or through unofficial routes;
- you are threatened, or your family is.

Victims of trafficking have the right to protection, to be taken home and to legal aid, without being punished for their immigration status.

You or your family can complain on this site. A member organisation of the network will help report it to the police and stand by you.""",
    ),
    (
        "pulang",
        "Pulang ke Indonesia",
        "Going home",
        "Anda berhak pulang, termasuk sebelum kontrak selesai jika hak Anda dilanggar.",
        "You have the right to go home, including before the contract ends if your rights are violated.",
        """Anda berhak pulang ke Indonesia. Jika kontrak berakhir, pemberi kerja atau agensi menanggung tiket pulang sesuai kontrak. Jika Anda sakit, mengalami kekerasan, atau hak Anda dilanggar, Anda dapat meminta dipulangkan lebih awal.

Sebelum pulang, usahakan:
- menerima semua gaji yang menjadi hak Anda;
- membawa paspor, kontrak, dan bukti pembayaran gaji;
- menyimpan nomor kontak majikan dan agensi.

Setelah tiba, Anda masih dapat menuntut gaji yang belum dibayar atau ganti rugi. Organisasi anggota jaringan di daerah asal Anda dapat membantu, termasuk untuk kembali ke keluarga dan memulai usaha atau pekerjaan baru.""",
        """You have the right to go home to Indonesia. When the contract ends, the employer or agency pays for the ticket home as the contract says. If you are ill, abused, or your rights are violated, you can ask to be sent home early.

Before you go, try to:
- receive all the wages owed to you;
- take your passport, contract and proof of wage payments;
- keep the contact numbers of your employer and agency.

After you arrive, you can still claim unpaid wages or compensation. A member organisation in your home region can help, including with going back to your family and starting work or a business again.""",
    ),
    (
        "bantuan-di-negara-tujuan",
        "Mencari bantuan di negara tujuan",
        "Getting help where you work",
        "KBRI/KJRI, dinas tenaga kerja setempat, dan organisasi pekerja migran dapat membantu.",
        "The embassy or consulate, the local labour department and migrant workers' groups can help.",
        """Di negara tempat Anda bekerja, Anda dapat meminta bantuan:
- KBRI atau KJRI (Kedutaan atau Konsulat Indonesia): pengaduan, tempat aman (shelter), dokumen pengganti, dan pemulangan;
- dinas atau departemen tenaga kerja setempat: sengketa gaji dan kontrak;
- polisi setempat: kekerasan, ancaman, dan perdagangan orang;
- serikat dan organisasi pekerja migran setempat, termasuk anggota jaringan ini di Hong Kong.

Aplikasi Safe Travel dari Kementerian Luar Negeri memuat alamat dan nomor darurat perwakilan RI di setiap negara.

Anda juga selalu dapat mengadu lewat situs ini, dari mana saja. Simpan kode tanda terima Anda untuk mengikuti perkembangannya.""",
        """In the country where you work, you can ask for help from:
- the Indonesian embassy or consulate (KBRI/KJRI): complaints, a safe shelter, replacement documents and going home;
- the local labour department: disputes over wages and contracts;
- the local police: violence, threats and trafficking;
- local unions and migrant workers' organisations, including this network's members in Hong Kong.

The Safe Travel app of Indonesia's Ministry of Foreign Affairs lists the address and emergency number of the Indonesian mission in every country.

You can also always complain on this site, from anywhere. Keep your receipt code to follow what happens.""",
    ),
]
