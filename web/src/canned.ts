/**
 * Canned responses: the supervisors' list from the API (GET /canned-responses), or, until that
 * endpoint exists, a few built-in texts so agents can answer the common cases today.
 */
import { type Api, ApiError, type CannedResponse } from './api.ts';

export const BUILT_IN_CANNED: readonly CannedResponse[] = [
  {
    id: 'bawaan-insentif',
    title: 'Insentif sedang diperiksa',
    body: 'Halo {nama},\n\nTerima kasih sudah menghubungi kami (tiket {ref}). Pembayaran insentif untuk kartu {kartu} sedang kami periksa bersama mitra pembayaran. Hasilnya kami kirim ke email ini paling lambat 3 hari kerja.\n\nSalam,\n{petugas}\nLayanan Pengaduan Kartu Prakerja',
    updatedAt: '2024-01-01T00:00:00.000Z',
  },
  {
    id: 'bawaan-sertifikat',
    title: 'Sertifikat belum tampil',
    body: 'Halo {nama},\n\nSertifikat pelatihan biasanya tampil di dasbor paling lama 2 x 24 jam setelah lembaga pelatihan melaporkan kelulusan. Kami sudah meminta lembaga pelatihan memeriksa data Anda (tiket {ref}). Silakan cek kembali dasbor Anda besok.\n\nSalam,\n{petugas}\nLayanan Pengaduan Kartu Prakerja',
    updatedAt: '2024-01-01T00:00:00.000Z',
  },
  {
    id: 'bawaan-akun',
    title: 'Cara memulihkan akun',
    body: 'Halo {nama},\n\nUntuk memulihkan akun, pilih "Lupa kata sandi" di halaman masuk lalu ikuti tautan yang dikirim ke email terdaftar Anda. Bila email tidak sampai, balas pesan ini dengan menyebut nomor tiket {ref}.\n\nSalam,\n{petugas}\nLayanan Pengaduan Kartu Prakerja',
    updatedAt: '2024-01-01T00:00:00.000Z',
  },
  {
    id: 'bawaan-penipuan',
    title: 'Waspada penipuan',
    body: 'Halo {nama},\n\nTerima kasih atas laporan Anda (tiket {ref}). Petugas resmi tidak pernah meminta kode OTP, PIN, atau biaya apa pun. Jangan bagikan data Anda kepada pihak yang menghubungi lewat telepon atau pesan pribadi. Laporan Anda sudah kami teruskan ke tim pengamanan.\n\nSalam,\n{petugas}\nLayanan Pengaduan Kartu Prakerja',
    updatedAt: '2024-01-01T00:00:00.000Z',
  },
  {
    id: 'bawaan-selesai',
    title: 'Penutup: masalah sudah diselesaikan',
    body: 'Halo {nama},\n\nMasalah pada tiket {ref} sudah kami selesaikan. Bila masih ada kendala, cukup balas email ini dan tiket akan dibuka kembali.\n\nSalam,\n{petugas}\nLayanan Pengaduan Kartu Prakerja',
    updatedAt: '2024-01-01T00:00:00.000Z',
  },
];

export interface CannedList {
  items: readonly CannedResponse[];
  /** False while the API has no canned responses endpoint: the items are the built-in ones. */
  fromApi: boolean;
}

export async function loadCanned(api: Api): Promise<CannedList> {
  try {
    return { items: await api.cannedResponses(), fromApi: true };
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'NotAvailable') return { items: BUILT_IN_CANNED, fromApi: false };
    throw err;
  }
}
