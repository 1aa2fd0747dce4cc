/** GET /api/ready when the instance may take traffic: the database answers and every migration is applied. */
export interface ReadinessAnswer {
  status: 'ready';
  database: string;
}
