/**
 * Starter canned responses for the local stack: `npm start` (and the console's browser tests)
 * put these in an empty store, so a newcomer has templates to try with `/`. On AWS the store
 * starts empty and supervisors write their own (the console's "Template balasan" page).
 */
import type { CannedResponses } from '#ports';

export const STARTER_CANNED: readonly { id: string; title: string; body: string }[] = [
  {
    id: 'contoh-insentif',
    title: 'Insentif sedang diperiksa',
    body: 'Halo {nama},\n\nTerima kasih sudah menghubungi kami (tiket {ref}). Pembayaran insentif untuk kartu {kartu} sedang kami periksa bersama mitra pembayaran. Hasilnya kami kirim ke email ini paling lambat 3 hari kerja.\n\nSalam,\n{petugas}\nLayanan Pengaduan Kartu Prakerja',
  },
  {
    id: 'contoh-sertifikat',
    title: 'Sertifikat belum tampil',
    body: 'Halo {nama},\n\nSertifikat pelatihan biasanya tampil di dasbor paling lama 2 x 24 jam setelah lembaga pelatihan melaporkan kelulusan. Kami sudah meminta lembaga pelatihan memeriksa data Anda (tiket {ref}). Silakan cek kembali dasbor Anda besok.\n\nSalam,\n{petugas}\nLayanan Pengaduan Kartu Prakerja',
  },
  {
    id: 'contoh-akun',
    title: 'Cara memulihkan akun',
    body: 'Halo {nama},\n\nUntuk memulihkan akun, pilih "Lupa kata sandi" di halaman masuk lalu ikuti tautan yang dikirim ke email terdaftar Anda. Bila email tidak sampai, balas pesan ini dengan menyebut nomor tiket {ref}.\n\nSalam,\n{petugas}\nLayanan Pengaduan Kartu Prakerja',
  },
  {
    id: 'contoh-penipuan',
    title: 'Waspada penipuan',
    body: 'Halo {nama},\n\nTerima kasih atas laporan Anda (tiket {ref}). Petugas resmi tidak pernah meminta kode OTP, PIN, atau biaya apa pun. Jangan bagikan data Anda kepada pihak yang menghubungi lewat telepon atau pesan pribadi. Laporan Anda sudah kami teruskan ke tim pengamanan.\n\nSalam,\n{petugas}\nLayanan Pengaduan Kartu Prakerja',
  },
  {
    id: 'contoh-selesai',
    title: 'Penutup: masalah sudah diselesaikan',
    body: 'Halo {nama},\n\nMasalah pada tiket {ref} sudah kami selesaikan. Bila masih ada kendala, cukup balas email ini dan tiket akan dibuka kembali.\n\nSalam,\n{petugas}\nLayanan Pengaduan Kartu Prakerja',
  },
];

/** Adds the starter set when there is no canned response yet; returns how many it added. */
export async function addStarterCanned(store: CannedResponses, at: Date): Promise<number> {
  if ((await store.list()).length > 0) return 0;
  let added = 0;
  for (const c of STARTER_CANNED)
    if (await store.create({ ...c, updatedAt: at.toISOString(), updatedBy: 'contoh' })) added++;
  return added;
}
