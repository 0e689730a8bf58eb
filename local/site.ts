/** The complaint address of the local stack and the CLI (on AWS it is the `recipient` CDK context value). */
export const COMPLAINT_ADDRESS = 'pengaduan@prakerja.example.id';
