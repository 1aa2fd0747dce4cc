import type { ItemRow, NewAssignment, RoomRow } from './assignmentRepository';

interface VenueSeats {
  venueId: number;
  seats: Array<{ roomId: number; seatNo: number }>;
  next: number;
}

/**
 * Seats items in the free seats of the rooms, rooms given in seating order (venue, room number) and items
 * course by course, each course by ticket number. Each venue's free seats are taken in order, so a course's
 * candidates sit together in a venue. A candidate who already sits in a venue for another unit of the period
 * goes to that venue while it has free seats (the same 考点 all exam days); the others fill the first venue
 * with a free seat. Callers check there are enough free seats; this never uses a seat twice.
 */
export function placeSeats(
  rooms: RoomRow[],
  occupied: Set<string>,
  items: ItemRow[],
  venueOf: Map<number, number>,
): NewAssignment[] {
  const venues = new Map<number, VenueSeats>();
  for (const room of rooms) {
    let venue = venues.get(room.venue_id);
    if (!venue) venues.set(room.venue_id, (venue = { venueId: room.venue_id, seats: [], next: 0 }));
    for (let seatNo = 1; seatNo <= room.seats; seatNo++) {
      if (!occupied.has(`${room.id}:${seatNo}`)) venue.seats.push({ roomId: room.id, seatNo });
    }
  }
  const order = [...venues.values()];
  let first = 0;
  const placed: NewAssignment[] = [];
  for (const item of items) {
    const preferred = venues.get(venueOf.get(item.candidate_id) ?? -1);
    let venue = preferred && preferred.next < preferred.seats.length ? preferred : undefined;
    if (!venue) {
      while (first < order.length && order[first]!.next >= order[first]!.seats.length) first++;
      venue = order[first];
      if (!venue) break;
    }
    const seat = venue.seats[venue.next++]!;
    placed.push({
      itemId: item.id,
      candidateId: item.candidate_id,
      courseId: item.course_id,
      venueId: venue.venueId,
      ...seat,
    });
  }
  return placed;
}

/** Free seats of the rooms: seats not held by an assignment. */
export function freeSeatCount(rooms: RoomRow[], occupied: Set<string>): number {
  let free = 0;
  for (const room of rooms) {
    free += room.seats;
    for (let seatNo = 1; seatNo <= room.seats; seatNo++) if (occupied.has(`${room.id}:${seatNo}`)) free--;
  }
  return free;
}
